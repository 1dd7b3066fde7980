import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { KnowledgeHandoverService } from '@chadavkhi/knowledge';
import { LearningHandoverService } from '@chadavkhi/learning';
import { AgencyAccessService } from '../scope/agency-access.service';
import { AgencyMetricsRepository } from './agency-metrics.repository';
import { AgencyFiguresView, AgencyMetricsView, MetricsHistoryView } from './dto/agency-metrics.view';
import { ulaanbaatarToday } from '../assignments/assignments.service';

@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: AgencyMetricsRepository,
    private readonly access: AgencyAccessService,
    private readonly knowledgeHandovers: KnowledgeHandoverService,
    private readonly learningHandovers: LearningHandoverService,
  ) {}

  /**
   * An agency's figures and those of its direct sub-agencies, for an HR officer over it or an admin.
   * With `on` (a day up to today), also each one's headcount on that day from the position history:
   * a mover counts in the old agency before the move date and in the new one from it, a leaver
   * until the day they left. The other figures stay the current ones.
   */
  async forAgency(actor: AuthUser, agencyId: string, on?: string): Promise<AgencyFiguresView> {
    await this.access.assertCovers(actor, agencyId);
    if (on !== undefined) assertPastDay(on);
    let rows = await this.metrics.withChildren(agencyId);
    const missing = rows.filter((r) => !r.computed_at);
    if (missing.length) {
      // Agencies no event has touched yet: compute them now rather than show nothing.
      await this.metrics.recomputeWithAncestors(missing.map((r) => r.agency_id));
      rows = await this.metrics.withChildren(agencyId, true);
    }
    const [own, ...children] = rows;
    const orphaned = await this.orphanedItems(rows.map((r) => r.agency_id));
    const figures = (r: (typeof rows)[number]) => ({
      ...AgencyMetricsView.of(r),
      orphanedItems: orphaned.get(r.agency_id) ?? 0,
    });
    const past = on
      ? new Map(
          (
            await this.metrics.headcountOn(
              rows.map((r) => r.agency_id),
              on,
            )
          ).map((h) => [h.agency_id, h]),
        )
      : undefined;
    const headcountOn = (id: string) => {
      const h = past?.get(id);
      return h ? { headcountOn: { on: on!, headcount: h.headcount, ownHeadcount: h.own_headcount } } : {};
    };
    return {
      agency: { id: agencyId, code: own.code, name: { mn: own.name_mn, en: own.name_en } },
      figures: figures(own),
      ...headcountOn(agencyId),
      subAgencies: children.map((c) => ({
        id: c.agency_id,
        code: c.code,
        name: { mn: c.name_mn, en: c.name_en },
        figures: figures(c),
        ...headcountOn(c.agency_id),
      })),
    };
  }

  /**
   * Items nobody stewards any more in each agency's subtree (should be 0), as the libs that own
   * them count: documents, reviews and comments (knowledge), courses and sessions (learning).
   * Counted live, not in the snapshot: HR acts on it and expects it to drop as soon as they do.
   */
  private async orphanedItems(agencyIds: string[]): Promise<Map<string, number>> {
    const [knowledge, learning] = await Promise.all([
      this.knowledgeHandovers.orphansInSubtrees(agencyIds),
      this.learningHandovers.orphansInSubtrees(agencyIds),
    ]);
    return new Map(agencyIds.map((id) => [id, (knowledge.get(id) ?? 0) + (learning.get(id) ?? 0)]));
  }

  /**
   * After a change HR records date back (user.moved with a day before today): the history's
   * headcounts of both agencies' trees from that day on, recounted from the position history.
   */
  restateHeadcounts(agencyIds: string[], from: string): Promise<number> {
    return this.metrics.restateHeadcounts(agencyIds, from);
  }

  /** Recounts every agency from source rows (idempotent); returns how many. */
  recomputeAll(): Promise<number> {
    return this.metrics.recomputeAll();
  }

  /** Recounts these agencies and the roll-ups of their ancestors (idempotent); returns how many agencies. */
  recomputeWithAncestors(agencyIds: string | string[]): Promise<number> {
    return this.metrics.recomputeWithAncestors(agencyIds);
  }

  /** Recomputes every agency and records today's figures (Ulaanbaatar date); re-running a day overwrites it. */
  snapshot(): Promise<number> {
    return this.metrics.snapshot();
  }

  async history(actor: AuthUser, agencyId: string, days: number): Promise<MetricsHistoryView> {
    await this.access.assertCovers(actor, agencyId);
    return {
      agencyId,
      days: (await this.metrics.history(agencyId, days)).map((r) => ({
        day: r.day,
        ...AgencyMetricsView.of(r),
        computedAt: undefined,
      })),
    };
  }
}

/** A calendar day (YYYY-MM-DD) no later than today in Ulaanbaatar: the future has no placements yet. */
function assertPastDay(on: string): void {
  const date = new Date(`${on}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== on)
    throw new UnprocessableEntityException('on must be a calendar date as YYYY-MM-DD.');
  if (on > ulaanbaatarToday()) throw new UnprocessableEntityException('on must be today or a day before it.');
}
