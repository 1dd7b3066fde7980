// A line of an agency's staff list: the person, where they sit, and where they stand on mandatory training.
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedName } from '@chadavkhi/identity';
import { PageView } from '@chadavkhi/platform';
import { AgencyLabelView } from '../../scope/dto/agency-label.view';
import { STAFF_STATUSES, StaffRow, StaffStatus } from '../staff.repository';

export class StaffPositionView {
  @ApiProperty({ example: 'tax-inspector' }) code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}

export class StaffMemberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when HR records give no address' })
  email: string | null;
  @ApiProperty({ type: String, nullable: true }) staffNumber: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Whole for HR officers of the subtree and administrators, masked (УБ******12) for anyone else; null when HR records give none',
  })
  registrationNumber: string | null;
  @ApiProperty({ type: AgencyLabelView }) agency: AgencyLabelView;
  @ApiProperty({ type: StaffPositionView }) position: StaffPositionView;
  @ApiProperty({
    enum: STAFF_STATUSES,
    description:
      'overdue: a mandatory course past its due date; due: assigned, not yet done; completed: every assigned course done',
  })
  status: StaffStatus;
  @ApiProperty({ type: 'integer', description: 'Mandatory courses assigned' }) assigned: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The nearest due date not yet met' })
  nextDue: string | null;

  static of(r: StaffRow): StaffMemberView {
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      staffNumber: r.staff_number,
      registrationNumber: r.registration_number,
      agency: { id: r.agency_id, code: r.agency_code, name: { mn: r.agency_mn, en: r.agency_en } },
      position: { code: r.position_code, name: { mn: r.position_mn, en: r.position_en } },
      status: r.status,
      assigned: r.assigned,
      completed: r.completed,
      overdue: r.overdue,
      nextDue: r.next_due,
    };
  }
}

export class StaffPageView extends PageView(StaffMemberView) {}
