// The approved plans and plan vs actual for the public (JSON, CSV, the Data Package, /open-data) and
// the citizens' comments on a published plan, which knowledge's comment mechanism keeps (a deadline
// in working days for the owning agency's answer, overdue counts per agency).
import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { OpenDataService } from '@chadavkhi/accountability';
import { CommentsService } from '@chadavkhi/knowledge';
import type { AuthUser } from '@chadavkhi/identity';
import { writeCsv } from '@chadavkhi/platform';
import { PLAN_COLUMNS, PLAN_LINE_COLUMNS, planLineRows, planRow } from './plan-open-data';
import { PLAN_FIELDS, PLAN_LINE_FIELDS, PlanField } from './plan-open-data-fields';
import { PlanOpenDataRepository } from './plan-open-data.repository';
import { PublishedPlansView, PublishedPlanView } from './dto/plan-open-data.view';

const DIALECT = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true };
const fields = (columns: readonly string[], described: Record<string, PlanField>) =>
  columns.map((name) => ({ name, ...described[name] }));

@Injectable()
export class PlanOpenDataService implements OnModuleInit {
  constructor(
    private readonly published: PlanOpenDataRepository,
    private readonly openData: OpenDataService,
    private readonly comments: CommentsService,
  ) {}

  /** The plans' files join the agency figures in the one Data Package. */
  onModuleInit(): void {
    this.openData.describeResource({
      profile: 'tabular-data-resource',
      name: 'capacity-plans',
      title: 'Capacity-building plans by agency: approved budget, spending and plan vs actual',
      path: 'capacity-plans.csv',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: DIALECT,
      schema: {
        fields: fields(PLAN_COLUMNS, PLAN_FIELDS),
        primaryKey: 'plan_id',
        missingValues: [''],
      },
    });
    this.openData.describeResource({
      profile: 'tabular-data-resource',
      name: 'capacity-plan-lines',
      title: 'Capacity-building plan lines: what, for whom, how, when, cost, and plan vs actual',
      path: 'capacity-plan-lines.csv',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: DIALECT,
      schema: {
        fields: fields(PLAN_LINE_COLUMNS, PLAN_LINE_FIELDS),
        primaryKey: 'line_id',
        foreignKeys: [{ fields: 'plan_id', reference: { resource: 'capacity-plans', fields: 'plan_id' } }],
        missingValues: [''],
      },
    });
  }

  async plans(): Promise<PublishedPlansView> {
    const rows = await this.published.published();
    return { generatedAt: new Date().toISOString(), plans: rows.map((p) => planRow(p, planLineRows(p))) };
  }

  async plan(planId: string): Promise<PublishedPlanView> {
    const [row] = await this.published.published(planId);
    if (!row) throw new NotFoundException('No published plan has this id.');
    const lines = planLineRows(row);
    return { plan: planRow(row, lines), lines };
  }

  async plansCsv(): Promise<string> {
    return writeCsv((await this.plans()).plans, PLAN_COLUMNS, 'rfc4180');
  }

  async linesCsv(): Promise<string> {
    const rows = (await this.published.published()).flatMap(planLineRows);
    return writeCsv(rows, PLAN_LINE_COLUMNS, 'rfc4180');
  }

  /** A citizen's comment on a published plan; its agency must answer within the working-day deadline. */
  async comment(
    caller: AuthUser | null,
    planId: string,
    input: { name: string; email?: string; body: string },
    ip: string,
  ) {
    const [row] = await this.published.published(planId);
    if (!row) throw new NotFoundException('No published plan has this id.');
    return this.comments.createOn(
      {
        kind: 'capacity_plan',
        id: row.plan_id,
        ownerAgencyId: row.agency_id,
        title: `${row.agency_name_mn} — ${row.year} / ${row.agency_name_en} — plan ${row.year}`,
      },
      caller,
      input,
      ip,
    );
  }

  async commentsOn(planId: string, query: { offset: number; limit: number; page: number }) {
    const [row] = await this.published.published(planId);
    if (!row) throw new NotFoundException('No published plan has this id.');
    return this.comments.forSubject('capacity_plan', planId, query);
  }
}
