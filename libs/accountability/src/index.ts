// Accountability's public surface.
export { AccountabilityModule } from './accountability.module';
export { AccountabilityWorkerModule } from './accountability-worker.module';
export { MetricsService } from './metrics/metrics.service';
export { MetricsProcessor, DAILY_ASSIGNMENTS, DAILY_SNAPSHOT, WEEKLY_DIGEST } from './metrics/metrics.processor';
export {
  OpenDataService,
  OpenDataRow,
  OPEN_DATA_COLUMNS,
  SMALL_GROUP,
  hiddenAgencies,
} from './open-data/open-data.service';
export { GroupNode, suppressSmallGroups } from './open-data/small-groups';
export { DataResourceView, TableFieldView } from './open-data/dto/open-data.view';
export { AgencyMetricsView } from './metrics/dto/agency-metrics.view';
export { AgencyAccessService, AgencyRef } from './scope/agency-access.service';
export { AssignmentsService, ulaanbaatarToday } from './assignments/assignments.service';
export { AssignmentReachService, DUE_REMINDER_DAYS, RENEWAL_OPENS_DAYS } from './assignments/assignment-reach.service';
export { AssignmentContentError, demoAssignments } from './assignments/assignment-content';
export { AccountabilityContentService } from './content/accountability-content.service';
export { AssignmentView, MyAssignmentView } from './assignments/dto/assignment.view';
export { CreateAssignmentDto } from './assignments/dto/create-assignment.dto';
export { CompetenciesService } from './competencies/competencies.service';
export { competencyFramework, CompetencyFramework, CompetencyContentError } from './competencies/competency-content';
export { StaffService, STAFF_EXPORT_COLUMNS, EXPORT_LIMIT } from './staff/staff.service';
export { STAFF_STATUSES, StaffStatus, StaffFilter, StaffRow } from './staff/staff.repository';
export { TeamService } from './team/team.service';
export { TeamView, TeamMemberView } from './team/dto/team.view';
export { DESCRIBED_BY, OpenDataCsv } from './open-data/open-data-csv.decorator';
