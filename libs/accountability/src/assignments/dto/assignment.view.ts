import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() course: { id: string; title: string; titleEn: string | null };
  @ApiProperty() target: {
    kind: TargetKind;
    agencyId: string | null;
    agencyCode: string | null;
    agencyName: { mn: string; en: string } | null;
    positionId: string | null;
    positionCode: string | null;
    positionName: { mn: string; en: string } | null;
    userIds: string[] | null;
  };
  @ApiProperty() due: { kind: DueKind; date: string | null; days: number | null };
  @ApiProperty() renewYearly: boolean;
  @ApiPropertyOptional({ nullable: true }) createdBy: { id: string; name: string | null } | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) cancelledAt: string | null;
  @ApiProperty({ description: 'People reached so far (the job reaches new people within seconds)' }) people: number;
  @ApiProperty() completed: number;
  @ApiProperty() overdue: number;

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
  @ApiProperty() course: { id: string; title: string; titleEn: string | null };
  @ApiProperty({ format: 'uuid' }) enrollmentId: string;
  @ApiProperty({ example: '2026-03-31' }) dueOn: string;
  @ApiProperty({ description: 'Days until the due date (negative once overdue)' }) daysLeft: number;
  @ApiProperty({ enum: ['completed', 'due', 'overdue'] }) status: 'completed' | 'due' | 'overdue';
  @ApiProperty() progressPercent: number;
  @ApiPropertyOptional({ nullable: true }) completedAt: string | null;
  @ApiProperty() renewYearly: boolean;
  @ApiProperty({ description: 'Which yearly round (1 for the first)' }) cycle: number;

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
