// Competency profiles (a person's own, or staff in an HR officer's scope) and gap reports per agency
// subtree, by competency and by position.
import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { AgencyAccessService } from '../scope/agency-access.service';
import { CompetenciesRepository, GapRow } from './competencies.repository';
import {
  AgencyCompetencyGapsView,
  CompetencyFrameworkView,
  CompetencyGapView,
  CompetencyProfileView,
} from './dto/competency.view';

const gapView = (r: GapRow): CompetencyGapView => ({
  code: r.key,
  name: { mn: r.name_mn, en: r.name_en },
  people: r.people,
  required: r.required,
  covered: r.covered,
  gaps: r.required - r.covered,
  coverage: r.required ? Math.round((r.covered / r.required) * 1000) / 1000 : null,
});

@Injectable()
export class CompetenciesService {
  constructor(
    private readonly competencies: CompetenciesRepository,
    private readonly access: AgencyAccessService,
  ) {}

  framework(): Promise<CompetencyFrameworkView> {
    return this.competencies.framework().then((rows) => ({
      items: rows.map((c) => ({
        code: c.code,
        name: { mn: c.name_mn, en: c.name_en },
        description: { mn: c.description_mn, en: c.description_en },
        levels: c.levels ?? [],
      })),
    }));
  }

  async profile(actor: AuthUser, userId: string): Promise<CompetencyProfileView> {
    const person = await this.access.assertPersonVisible(actor, userId);
    const position = (await this.competencies.position(person.position_id))!;
    const rows = await this.competencies.profile(userId);
    const items = rows.map((r) => ({
      code: r.code,
      name: { mn: r.name_mn, en: r.name_en },
      requiredLevel: r.required,
      heldLevel: r.held,
      gap: r.required !== null && (r.held ?? 0) < r.required,
      sources: (r.sources ?? []).map((s) => ({
        ...s,
        expiresAt: s.expiresAt ? new Date(s.expiresAt).toISOString() : null,
      })),
    }));
    return {
      userId,
      position: { id: position.id, code: position.code, name: { mn: position.name_mn, en: position.name_en } },
      competencies: items,
      required: items.filter((i) => i.requiredLevel !== null).length,
      gaps: items.filter((i) => i.gap).length,
    };
  }

  async agencyGaps(actor: AuthUser, agencyId: string, positionId?: string): Promise<AgencyCompetencyGapsView> {
    const agency = await this.access.assertCovers(actor, agencyId);
    if (positionId) {
      if (!(await this.competencies.position(positionId))) throw new NotFoundException('No position has this id.');
    }
    const [byCompetency, byPosition] = await Promise.all([
      this.competencies.gapsByCompetency(agency.id, positionId ?? null),
      this.competencies.gapsByPosition(agency.id, positionId ?? null),
    ]);
    return {
      agency: { id: agency.id, code: agency.code, name: { mn: agency.name_mn, en: agency.name_en } },
      byCompetency: byCompetency.map(gapView),
      byPosition: byPosition.map((r) => ({ positionId: r.position_id, ...gapView(r) })),
    };
  }
}
