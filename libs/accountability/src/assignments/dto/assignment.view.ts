// Mandatory training assignments as HR officers manage them and as each person sees their own.
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';

export type TargetKind = 'agency' | 'position' | 'users';
export type DueKind = 'date' | 'after_appointment' | 'after_joining';

export interface AssignmentRow {
  id: string;
  course_id: string;
  course_title: string;
  course_title_en: string | null;
  created_by: string | null;
  created_by_name: string | null;
  scope_agency_id: string | null;
  scope_agency_code: string | null;
  scope_agency_name_mn: string | null;
  scope_agency_name_en: string | null;
  target_kind: TargetKind;
  position_id: string | null;
  position_code: string | null;
  position_name_mn: string | null;
  position_name_en: string | null;
  user_ids: string[] | null;
  due_kind: DueKind;
  due_date: string | null;
  due_days: number | null;
  renew_yearly: boolean;
  created_at: Date;
  cancelled_at: Date | null;
  people: number;
  completed: number;
  overdue: number;
}

/**
 * A name in both languages, or null. Written out rather than referenced: OpenAPI 3.0 lets null through
 * `nullable` only where the type is stated, never through a referenced object schema.
 */
const NULLABLE_NAMES: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  properties: { mn: { type: 'string' }, en: { type: 'string' } },
  required: ['mn', 'en'],
};

export class AssignedCourseView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) titleEn: string | null;
}

/** Who is assigned: an agency subtree, a position (within an agency's subtree), or listed people. */
export class AssignmentTargetView {
  @ApiProperty({ enum: ['agency', 'position', 'users'] }) kind: TargetKind;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The agency whose subtree it covers' })
  agencyId: string | null;
  @ApiProperty({ type: String, nullable: true }) agencyCode: string | null;
  @ApiProperty(NULLABLE_NAMES) agencyName: { mn: string; en: string } | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) positionId: string | null;
  @ApiProperty({ type: String, nullable: true }) positionCode: string | null;
  @ApiProperty(NULLABLE_NAMES) positionName: { mn: string; en: string } | null;
  @ApiProperty({ type: [String], format: 'uuid', nullable: true, description: 'Listed people (kind users)' })
  userIds: string[] | null;
}

/** When it is due: a fixed day, or so many days after taking up the position or joining the agency. */
export class AssignmentDueView {
  @ApiProperty({ enum: ['date', 'after_appointment', 'after_joining'] }) kind: DueKind;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'kind date' }) date: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'kind after_appointment or after_joining' })
  days: number | null;
}

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AssignedCourseView }) course: AssignedCourseView;
  @ApiProperty({ type: AssignmentTargetView }) target: AssignmentTargetView;
  @ApiProperty({ type: AssignmentDueView }) due: AssignmentDueView;
  @ApiProperty() renewYearly: boolean;
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string', nullable: true } },
    required: ['id', 'name'],
    description: 'The HR officer who assigned it; null once their account is gone',
  })
  createdBy: { id: string; name: string | null } | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'People reached so far (the job reaches new people within seconds)',
  })
  people: number;
  @ApiProperty({ type: 'integer' }) completed: number;
  @ApiProperty({ type: 'integer' }) overdue: number;

  static of(r: AssignmentRow): AssignmentView {
    return {
      id: r.id,
      course: { id: r.course_id, title: r.course_title, titleEn: r.course_title_en },
      target: {
        kind: r.target_kind,
        agencyId: r.scope_agency_id,
        agencyCode: r.scope_agency_code,
        agencyName: r.scope_agency_name_mn
          ? { mn: r.scope_agency_name_mn, en: r.scope_agency_name_en ?? r.scope_agency_name_mn }
          : null,
        positionId: r.position_id,
        positionCode: r.position_code,
        positionName: r.position_name_mn
          ? { mn: r.position_name_mn, en: r.position_name_en ?? r.position_name_mn }
          : null,
        userIds: r.user_ids,
      },
      due: { kind: r.due_kind, date: r.due_date, days: r.due_days },
      renewYearly: r.renew_yearly,
      createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name } : null,
      createdAt: new Date(r.created_at).toISOString(),
      cancelledAt: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
      people: r.people,
      completed: r.completed,
      overdue: r.overdue,
    };
  }
}

export interface MyAssignmentRow {
  assignment_id: string;
  course_id: string;
  course_title: string;
  course_title_en: string | null;
  enrollment_id: string;
  due_on: string;
  cycle: number;
  renew_yearly: boolean;
  status: 'completed' | 'in_progress';
  progress_percent: number;
  completed_at: Date | null;
  days_left: number;
}

export class MyAssignmentView {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ type: AssignedCourseView }) course: AssignedCourseView;
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) dueOn: string;
  @ApiProperty({ type: 'integer', description: 'Days until the due date (negative once overdue)' }) daysLeft: number;
  @ApiProperty({ enum: ['completed', 'due', 'overdue'] }) status: 'completed' | 'due' | 'overdue';
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPercent: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty() renewYearly: boolean;
  @ApiProperty({ type: 'integer', description: 'Which yearly round (1 for the first)' }) cycle: number;

  static of(r: MyAssignmentRow): MyAssignmentView {
    return {
      assignmentId: r.assignment_id,
      course: { id: r.course_id, title: r.course_title, titleEn: r.course_title_en },
      enrollmentId: r.enrollment_id,
      dueOn: r.due_on,
      daysLeft: r.days_left,
      status: r.status === 'completed' ? 'completed' : r.days_left < 0 ? 'overdue' : 'due',
      progressPercent: r.progress_percent,
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
      renewYearly: r.renew_yearly,
      cycle: r.cycle,
    };
  }
}

export class AssignmentPageView extends PageView(AssignmentView) {}

/** A person's mandatory training, with how many courses are due and overdue. */
export class MyAssignmentsView {
  @ApiProperty({ type: [MyAssignmentView], description: 'Due, overdue and completed' }) items: MyAssignmentView[];
  @ApiProperty({ type: 'integer', description: 'Not done, due date not passed' }) due: number;
  @ApiProperty({ type: 'integer', description: 'Not done, past the due date' }) overdue: number;
}
