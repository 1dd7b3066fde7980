// An agency's capacity-building plan as HR officers, agency heads and administrators see it.
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import type { KpiMeasure, LineRow, Modality, PlanRow, PlanStatus, SpendingRow, VersionRow } from '../plans.repository';
import { KPI_MEASURES, MODALITIES } from './plan-line.dto';

export class PlanNameView {
  @ApiProperty() mn: string;
  @ApiProperty() en: string;
}

export class PlanAgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: PlanNameView }) name: PlanNameView;
}

export class PlanCompetencyView {
  @ApiProperty() code: string;
  @ApiProperty({ type: PlanNameView }) name: PlanNameView;
}

/** A person, or null once their account is gone. Written out: OpenAPI 3.0 cannot make a $ref nullable. */
const NULLABLE_PERSON: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string', nullable: true } },
  required: ['id', 'name'],
};

const NULLABLE_COURSE: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string', nullable: true },
    titleEn: { type: 'string', nullable: true },
  },
  required: ['id', 'title', 'titleEn'],
  description: 'The course (null for an external line)',
};

export class PlanDeliveryView {
  @ApiProperty({ enum: ['assignment', 'session'] }) kind: 'assignment' | 'session';
  @ApiProperty({ format: 'uuid' }) id: string;
}

/** A line as an approved version froze it. */
export class PlanVersionLineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PlanCompetencyView }) competency: PlanCompetencyView;
  @ApiProperty({ type: PlanAgencyView, description: 'The target group’s agency subtree' }) targetAgency: PlanAgencyView;
  @ApiProperty({ type: [PlanAgencyView], description: 'The target group’s positions (id, code, name)' })
  positions: PlanAgencyView[];
  @ApiProperty({ enum: MODALITIES }) modality: Modality;
  @ApiProperty(NULLABLE_COURSE) course: { id: string; title: string | null; titleEn: string | null } | null;
  @ApiProperty({ type: String, nullable: true }) provider: string | null;
  @ApiProperty({ type: 'integer' }) seats: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) quarter: number;
  @ApiProperty({ description: 'Allocated, in tögrög' }) cost: number;
  @ApiProperty() kpi: string;
  @ApiProperty({ enum: KPI_MEASURES }) kpiMeasure: KpiMeasure;
  @ApiProperty({ description: 'Percent' }) kpiTarget: number;
}

export class PlanLineView extends PlanVersionLineView {
  @ApiProperty({ description: 'Spent so far against this line, in tögrög' }) spent: number;
  @ApiProperty({ type: [PlanDeliveryView], description: 'The assignments and sessions that deliver it' })
  deliveries: PlanDeliveryView[];

  static versionLine(r: LineRow): PlanVersionLineView {
    return {
      id: r.id,
      competency: { code: r.competency_code, name: { mn: r.competency_name_mn, en: r.competency_name_en } },
      targetAgency: {
        id: r.target_agency_id,
        code: r.target_agency_code,
        name: { mn: r.target_agency_name_mn, en: r.target_agency_name_en },
      },
      positions: r.positions.map((p) => ({ id: p.id, code: p.code, name: { mn: p.mn, en: p.en } })),
      modality: r.modality,
      course: r.course_id ? { id: r.course_id, title: r.course_title, titleEn: r.course_title_en } : null,
      provider: r.provider,
      seats: r.seats,
      quarter: r.quarter,
      cost: Number(r.cost),
      kpi: r.kpi,
      kpiMeasure: r.kpi_measure,
      kpiTarget: Number(r.kpi_target),
    };
  }

  static of(r: LineRow): PlanLineView {
    return { ...PlanLineView.versionLine(r), spent: Number(r.spent), deliveries: r.deliveries };
  }
}

/** What the caller may do with the plan now (the service enforces the same rules). */
export class PlanActionsView {
  @ApiProperty({ description: 'Change the budget and lines (a draft)' }) edit: boolean;
  @ApiProperty({ description: 'Send the draft to the agency’s head' }) submit: boolean;
  @ApiProperty({ description: 'Approve or return the submitted plan (the agency’s head)' }) approve: boolean;
  @ApiProperty({ description: 'Reopen an approved plan for a new version, with a reason' }) reopen: boolean;
  @ApiProperty({ description: 'Record spending against approved lines and link deliveries' }) recordSpending: boolean;
}

export class PlanSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PlanAgencyView }) agency: PlanAgencyView;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({
    enum: ['draft', 'submitted', 'approved'],
    description: 'draft (being written, or reopened after approval), submitted (waiting for the head), approved',
  })
  status: PlanStatus;
  @ApiProperty({ description: 'The budget allocated to the plan, in tögrög' }) budget: number;
  @ApiProperty({ description: 'Sum of the lines’ costs' }) allocated: number;
  @ApiProperty({ description: 'Spent against the lines so far' }) spent: number;
  @ApiProperty({ type: 'integer', description: 'Seats the lines plan' }) seats: number;
  @ApiProperty({
    type: 'integer',
    description: 'People the lines’ assignments and sessions reached (as last recounted)',
  })
  reached: number;
  @ApiProperty({ type: 'integer', description: 'Of them, completed' }) completed: number;
  @ApiProperty({ type: 'integer', description: 'Of them, certified' }) certified: number;
  @ApiProperty({ type: 'integer', description: 'Changes with every change; approving names the revision read' })
  revision: number;
  @ApiProperty({ type: 'integer', description: 'The latest approved version (0: never approved)' })
  approvedVersion: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the plan was reopened after approval' })
  changeReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(r: PlanRow): PlanSummaryView {
    return {
      id: r.id,
      agency: { id: r.agency_id, code: r.agency_code, name: { mn: r.agency_name_mn, en: r.agency_name_en } },
      year: r.year,
      status: r.status,
      budget: Number(r.budget),
      allocated: Number(r.allocated),
      spent: Number(r.spent),
      seats: r.seats,
      reached: r.reached,
      completed: r.completed,
      certified: r.certified,
      revision: r.revision,
      approvedVersion: r.approved_version,
      changeReason: r.change_reason,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }
}

export class PlanView extends PlanSummaryView {
  @ApiProperty({ type: [PlanLineView], description: 'The working copy’s lines, by quarter' }) lines: PlanLineView[];
  @ApiProperty({ type: PlanActionsView }) may: PlanActionsView;
}

export class PlanPageView extends PageView(PlanSummaryView) {}

export class PlanVersionView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() budget: number;
  @ApiProperty({ description: 'Sum of the lines’ costs as approved' }) total: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it changed from the version before' })
  reason: string | null;
  @ApiProperty(NULLABLE_PERSON) approvedBy: { id: string; name: string | null } | null;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
  @ApiProperty({ type: [PlanVersionLineView] }) lines: PlanVersionLineView[];

  static of(r: VersionRow): PlanVersionView {
    return {
      version: r.version,
      budget: Number(r.budget),
      total: Number(r.total),
      reason: r.reason,
      approvedBy: r.approved_by ? { id: r.approved_by, name: r.approved_by_name } : null,
      approvedAt: new Date(r.approved_at).toISOString(),
      lines: r.lines as PlanVersionLineView[],
    };
  }
}

export class PlanVersionsView {
  @ApiProperty({ type: [PlanVersionView], description: 'Newest first' }) items: PlanVersionView[];
}

export class SpendingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) lineId: string;
  @ApiProperty() amount: number;
  @ApiProperty({ format: 'date' }) spentOn: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty(NULLABLE_PERSON) recordedBy: { id: string; name: string | null } | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;

  static of(r: SpendingRow): SpendingView {
    return {
      id: r.id,
      lineId: r.line_id,
      amount: Number(r.amount),
      spentOn: r.spent_on,
      reference: r.reference,
      note: r.note,
      recordedBy: r.recorded_by ? { id: r.recorded_by, name: r.recorded_by_name } : null,
      recordedAt: new Date(r.created_at).toISOString(),
    };
  }
}

export class PlanSpendingView {
  @ApiProperty() budget: number;
  @ApiProperty() allocated: number;
  @ApiProperty() spent: number;
  @ApiProperty({ type: [SpendingView], description: 'Newest first (at most 1,000)' }) items: SpendingView[];
}
