// Planning's public surface.
export { PlanningModule } from './planning.module';
export { PlanningWorkerModule } from './planning-worker.module';
export { PlanActualsService, planDay } from './actuals/plan-actuals.service';
export { PlanActualsProcessor, PLAN_RECOUNT, DAILY_PLAN_RECOUNT } from './actuals/plan-actuals.processor';
export { PlanActualsView, PlanActualsHistoryView } from './actuals/dto/plan-actuals.view';
export { PlansService, MAX_LINES } from './plans/plans.service';
export { PlanDraftService } from './plans/plan-draft.service';
export { PlanView, PlanSummaryView, PlanLineView, PlanVersionView, SpendingView } from './plans/dto/plan.view';
export { PlanLineDto, MODALITIES, KPI_MEASURES } from './plans/dto/plan-line.dto';
export { CreatePlanDto } from './plans/dto/create-plan.dto';
export { RecordSpendingDto } from './plans/dto/record-spending.dto';
export { PlanOpenDataService } from './open-data/plan-open-data.service';
export { PLAN_COLUMNS, PLAN_LINE_COLUMNS, PlanOpenRow, PlanLineOpenRow } from './open-data/plan-open-data';
export { PublishedPlanView, PublishedPlansView } from './open-data/dto/plan-open-data.view';
export { NeedsSurveysService, NEEDS_REPORT_COLUMNS, PAPER_GRACE_DAYS } from './needs/needs-surveys.service';
export { NeedsReportView, MyNeedsSurveysView, NeedsSurveyView } from './needs/dto/needs-survey.view';
