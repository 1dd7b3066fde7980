// Drafting an agency's plan from its needs: the competency gaps of its subtree become suggested lines
// (plan-draft.ts), written as a new draft plan in one transaction for HR to cost, adjust and submit.
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { validateInput } from '@chadavkhi/platform';
import { CreatePlanDto } from './dto/create-plan.dto';
import { PlanView } from './dto/plan.view';
import { draftLines } from './plan-draft';
import { PlanDraftRepository } from './plan-draft.repository';
import { PlansService } from './plans.service';

@Injectable()
export class PlanDraftService {
  constructor(
    private readonly needs: PlanDraftRepository,
    private readonly plans: PlansService,
  ) {}

  async draft(actor: AuthUser, input: CreatePlanDto, ip: string | null): Promise<PlanView> {
    const dto = await validateInput(CreatePlanDto, input);
    await this.plans.assertMayPlanFor(actor, dto.agencyId);
    const gaps = await this.needs.gaps(dto.agencyId, dto.year);
    const courses = await this.needs.buildingCourses(gaps.map((g) => g.competency_code));
    const lines = draftLines(dto.agencyId, gaps, courses);
    return this.plans.createWithLines(actor, dto, lines, ip, {
      gaps: gaps.reduce((n, g) => n + g.people, 0),
      competencies: gaps.length,
    });
  }
}
