import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { KnowledgeHandoverService } from '@chadavkhi/knowledge';
import { LearningHandoverService } from '@chadavkhi/learning';
import { AgencyAccessService } from '../scope/agency-access.service';
import { AgencyMetricsRepository } from './agency-metrics.repository';
import { AgencyMetricsView } from './dto/agency-metrics.view';

@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: AgencyMetricsRepository,
    private readonly access: AgencyAccessService,
    private readonly knowledgeHandovers: KnowledgeHandoverService,
    private readonly learningHandovers: LearningHandoverService,
  ) {}

  /** An agency's figures and those of its direct sub-agencies, for an HR officer over it or an admin. */
  async forAgency(actor: AuthUser, agencyId: string) {
    await this.access.assertCovers(actor, agencyId);
    let rows = await this.metrics.withChildren(agencyId);
    const missing = rows.filter((r) => !r.computed_at);
    if (missing.length) {
      // Agencies no event has touched yet: compute them now rather than show nothing.
      await this.metrics.recomputeWithAncestors(missing.map((r) => r.agency_id));
      rows = await this.metrics.withChildren(agencyId);
    }
    const [own, ...children] = rows;
    const orphaned = await this.orphanedItems(rows.map((r) => r.agency_id));
    const figures = (r: (typeof rows)[number]) => ({
      ...AgencyMetricsView.of(r),
      orphanedItems: orphaned.get(r.agency_id) ?? 0,
    });
    return {
      agency: { id: agencyId, code: own.code, name: { mn: own.name_mn, en: own.name_en } },
      figures: figures(own),
      subAgencies: children.map((c) => ({
        id: c.agency_id,
        code: c.code,
        name: { mn: c.name_mn, en: c.name_en },
        figures: figures(c),
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

  async history(actor: AuthUser, agencyId: string, days: number) {
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
