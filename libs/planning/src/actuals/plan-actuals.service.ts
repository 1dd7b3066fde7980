// Plan vs actual of a plan, as the plans queue keeps it (recounts from source rows), with its daily history.
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { PlansService } from '../plans/plans.service';
import { PlanActualsRepository } from './plan-actuals.repository';
import { PlanActualsHistoryView, PlanActualsView } from './dto/plan-actuals.view';

/** Today in Ulaanbaatar as YYYY-MM-DD (the history's day). */
export function planDay(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ulaanbaatar' }).format(now);
}

@Injectable()
export class PlanActualsService {
  constructor(
    private readonly actuals: PlanActualsRepository,
    private readonly plans: PlansService,
  ) {}

  /** Recounts one plan; idempotent (the same source rows give the same figures). */
  recount(planId: string, now = new Date()): Promise<number> {
    return this.actuals.recount(planId, planDay(now));
  }

  plansReaching(userId: string, courseId: string): Promise<string[]> {
    return this.actuals.plansReaching(userId, courseId);
  }

  plansDeliveredBy(kind: 'assignment' | 'session', refId: string): Promise<string[]> {
    return this.actuals.plansDeliveredBy(kind, refId);
  }

  approvedPlanIds(): Promise<string[]> {
    return this.actuals.approvedPlanIds();
  }

  async forPlan(actor: AuthUser, planId: string): Promise<PlanActualsView> {
    const plan = await this.plans.get(actor, planId);
    const byLine = new Map((await this.actuals.actuals(planId)).map((a) => [a.line_id, a]));
    const lines = plan.lines.map((l) => {
      const a = byLine.get(l.id);
      return {
        lineId: l.id,
        competency: l.competency,
        targetAgency: l.targetAgency,
        modality: l.modality,
        what: l.course ? l.course.title : l.provider,
        whatEn: l.course ? (l.course.titleEn ?? l.course.title) : l.provider,
        quarter: l.quarter,
        seats: l.seats,
        reached: a?.reached ?? 0,
        completed: a?.completed ?? 0,
        certified: a?.certified ?? 0,
        cost: l.cost,
        spent: l.spent,
        kpi: l.kpi,
        kpiMeasure: l.kpiMeasure,
        kpiTarget: l.kpiTarget,
        kpiValue: a?.kpi_value == null ? null : Number(a.kpi_value),
        deliveries: l.deliveries.length,
      };
    });
    const computed = [...byLine.values()].map((a) => new Date(a.computed_at).getTime());
    const { lines: _lines, may: _may, ...summary } = plan;
    const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + f(l), 0);
    return {
      plan: summary,
      computedAt: computed.length ? new Date(Math.min(...computed)).toISOString() : null,
      totals: {
        seats: sum((l) => l.seats),
        reached: sum((l) => l.reached),
        completed: sum((l) => l.completed),
        certified: sum((l) => l.certified),
        allocated: plan.allocated,
        spent: plan.spent,
      },
      lines,
    };
  }

  async history(actor: AuthUser, planId: string, from?: string): Promise<PlanActualsHistoryView> {
    await this.plans.get(actor, planId);
    const start = from ?? planDay(new Date(Date.now() - 365 * 24 * 3600 * 1000));
    const rows = await this.actuals.history(planId, start);
    return { days: rows.map((r) => ({ ...r, spent: Number(r.spent) })) };
  }
}
