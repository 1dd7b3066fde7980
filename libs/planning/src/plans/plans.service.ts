// The annual capacity-building plan of an agency: HR drafts it and its lines within the budget,
// submits it, the agency's head approves exactly the revision they read (a frozen version); a change
// after approval reopens it with a reason and the next approval is the next version. Spending is
// recorded against approved lines with its reference document. Every change writes plan.changed with
// it, so the plans queue recounts plan vs actual.
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, scopeCovers } from '@chadavkhi/identity';
import { addOutboxEvent, page, Page, recordAudit, validateInput } from '@chadavkhi/platform';
import { CreatePlanDto, UpdatePlanDto } from './dto/create-plan.dto';
import { LinkDeliveryDto } from './dto/link-delivery.dto';
import { ListPlansQuery } from './dto/list-plans.query';
import { ApprovePlanDto, PlanReasonDto } from './dto/plan-decision.dto';
import { PlanLineDto } from './dto/plan-line.dto';
import {
  PlanLineView,
  PlanPageView,
  PlanSpendingView,
  PlanSummaryView,
  PlanVersionsView,
  PlanVersionView,
  PlanView,
  SpendingView,
} from './dto/plan.view';
import { RecordSpendingDto } from './dto/record-spending.dto';
import { mayApprovePlan, mayEditPlan, planReadScope } from './plan-access';
import { NewLine, PlanRow, PlansRepository } from './plans.repository';

/** A refusal with a stable slug, for a caller (a page) that words it itself. */
function refuse(slug: string, message: string): never {
  throw new UnprocessableEntityException({ message, slug });
}

function conflict(slug: string, message: string): never {
  throw new ConflictException({ message, slug });
}

/** Lines of one plan; a drafted plan has at most as many. */
export const MAX_LINES = 200;

const money = (n: number) => Math.round(n * 100) / 100;
const formatMoney = (n: number) => money(n).toLocaleString('en-US', { maximumFractionDigits: 2 });

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansRepository,
  ) {}

  private audit(m: EntityManager, actor: AuthUser, ip: string | null, action: string, id: string, details = {}) {
    return recordAudit(m, { id: actor.id, email: actor.email, ip }, action, { type: 'capacity_plan', id }, details);
  }

  private changed(m: EntityManager, plan: Pick<PlanRow, 'id' | 'agency_id'>) {
    return addOutboxEvent(m, 'plan.changed', { planId: plan.id, agencyId: plan.agency_id });
  }

  /** The plan if the actor reads it; anything else is answered as missing. */
  private async visible(actor: AuthUser, id: string): Promise<PlanRow> {
    const row = await this.plans.find(id);
    if (!row || !scopeCovers(planReadScope(actor), row.agency_path))
      throw new NotFoundException('No plan with this id is visible to you.');
    return row;
  }

  /** Locks the plan for a change the actor may make to a draft (HR within the subtree, or an admin). */
  private async lockForEdit(m: EntityManager, actor: AuthUser, id: string): Promise<PlanRow> {
    const row = await this.lockVisible(m, actor, id);
    if (!mayEditPlan(actor, row.agency_path))
      throw new ForbiddenException({
        message: 'Only HR officers of the agency change its plan.',
        slug: 'not-plan-editor',
      });
    if (row.status !== 'draft')
      conflict(
        row.status === 'submitted' ? 'plan-submitted' : 'plan-approved',
        row.status === 'submitted'
          ? 'The plan is waiting for the agency head’s decision; it cannot change until they return it.'
          : 'The plan is approved; reopen it with a reason to change it (the change becomes a new version).',
      );
    return row;
  }

  private async lockVisible(m: EntityManager, actor: AuthUser, id: string): Promise<PlanRow> {
    const row = await this.plans.lock(m, id);
    if (!row || !scopeCovers(planReadScope(actor), row.agency_path))
      throw new NotFoundException('No plan with this id is visible to you.');
    return row;
  }

  /** 404 for an unknown agency, 403 unless the actor writes its plans (HR within their subtree, or an admin). */
  async assertMayPlanFor(actor: AuthUser, agencyId: string): Promise<void> {
    const path = await this.plans.agencyPath(agencyId);
    if (!path) throw new NotFoundException('No agency has this id.');
    if (!mayEditPlan(actor, path))
      throw new ForbiddenException({
        message: 'That agency is outside the agencies you manage.',
        slug: 'agency-outside-scope',
      });
  }

  async create(actor: AuthUser, input: CreatePlanDto, ip: string | null): Promise<PlanView> {
    const dto = await validateInput(CreatePlanDto, input);
    await this.assertMayPlanFor(actor, dto.agencyId);
    const id = await this.dataSource.transaction(async (m) => {
      const planId = await this.plans.insert(m, { ...dto, createdBy: actor.id });
      if (!planId) conflict('plan-exists', `The agency already has a plan for ${dto.year}; change that one.`);
      await this.audit(m, actor, ip, 'plan.create', planId, { year: dto.year, budget: dto.budget });
      return planId;
    });
    return this.get(actor, id);
  }

  /** Creates the plan with these lines in one transaction (the draft from the needs). */
  async createWithLines(
    actor: AuthUser,
    input: CreatePlanDto,
    lines: NewLine[],
    ip: string | null,
    details: Record<string, unknown>,
  ): Promise<PlanView> {
    const dto = await validateInput(CreatePlanDto, input);
    await this.assertMayPlanFor(actor, dto.agencyId);
    const id = await this.dataSource.transaction(async (m) => {
      const planId = await this.plans.insert(m, { ...dto, createdBy: actor.id });
      if (!planId) conflict('plan-exists', `The agency already has a plan for ${dto.year}; change that one.`);
      await this.plans.insertLines(m, planId, lines);
      await this.audit(m, actor, ip, 'plan.draft', planId, { year: dto.year, lines: lines.length, ...details });
      await this.changed(m, { id: planId, agency_id: dto.agencyId });
      return planId;
    });
    return this.get(actor, id);
  }

  async list(actor: AuthUser, query: ListPlansQuery): Promise<Page<PlanSummaryView>> {
    const scope = planReadScope(actor);
    if (scope.kind === 'none')
      throw new ForbiddenException('Only HR officers, agency heads and administrators see plans.');
    let within: string | null = scope.kind === 'subtree' ? scope.rootAgencyId : null;
    if (query.agencyId) {
      const path = await this.plans.agencyPath(query.agencyId);
      if (!path) throw new NotFoundException('No agency has this id.');
      if (!scopeCovers(scope, path))
        throw new ForbiddenException({
          message: 'That agency is outside the agencies you manage.',
          slug: 'agency-outside-scope',
        });
      within = query.agencyId;
    }
    const { rows, total } = await this.plans.list(within, query.year ?? null, query.limit, query.offset);
    return page(rows.map(PlanSummaryView.of), total, query) as PlanPageView;
  }

  async get(actor: AuthUser, id: string): Promise<PlanView> {
    const row = await this.visible(actor, id);
    const lines = await this.plans.lines(id);
    const edit = mayEditPlan(actor, row.agency_path);
    return {
      ...PlanSummaryView.of(row),
      lines: lines.map(PlanLineView.of),
      may: {
        edit: edit && row.status === 'draft',
        submit: edit && row.status === 'draft' && lines.length > 0,
        approve: mayApprovePlan(actor, row.agency_path) && row.status === 'submitted' && row.submitted_by !== actor.id,
        reopen: edit && row.status === 'approved',
        recordSpending: edit && row.approved_version > 0,
      },
    };
  }

  /** The choices a line form offers for this plan (its subtree, positions held there, competencies, courses). */
  async lineOptions(actor: AuthUser, id: string) {
    const plan = await this.visible(actor, id);
    return this.plans.lineOptions(plan.agency_id);
  }

  async updateBudget(actor: AuthUser, id: string, input: UpdatePlanDto, ip: string | null): Promise<PlanView> {
    const dto = await validateInput(UpdatePlanDto, input);
    await this.dataSource.transaction(async (m) => {
      const row = await this.lockForEdit(m, actor, id);
      const allocated = await this.plans.allocatedExcept(m, id, null);
      if (money(dto.budget) < money(allocated))
        refuse(
          'budget-below-allocated',
          `The lines already allocate ${formatMoney(allocated)}; the budget cannot be less. Lower or remove lines first.`,
        );
      await this.plans.setBudget(m, id, dto.budget);
      await this.audit(m, actor, ip, 'plan.budget', id, { from: Number(row.budget), to: dto.budget });
    });
    return this.get(actor, id);
  }

  /** Checks a line against the plan: the competency, the target group inside the agency's subtree, the course, the budget. */
  private async checkedLine(
    m: EntityManager,
    plan: PlanRow,
    input: PlanLineDto,
    lineId: string | null,
  ): Promise<NewLine> {
    const dto = await validateInput(PlanLineDto, input);
    if (!(await this.plans.competencyExists(dto.competencyCode)))
      refuse('unknown-competency', 'competencyCode names no competency of the framework.');
    const targetPath = await this.plans.agencyPath(dto.targetAgencyId);
    if (!targetPath || !targetPath.includes(plan.agency_id))
      refuse(
        'target-outside-agency',
        'targetAgencyId must be the plan’s agency or an agency below it: a plan reaches only its own subtree.',
      );
    const positionIds = [...new Set(dto.positionIds)].sort();
    const outside = await this.plans.positionsNotHeldIn(dto.targetAgencyId, positionIds);
    if (outside.length)
      refuse(
        'positions-outside-agency',
        `${outside.length} of positionIds are held by nobody in the target agency’s subtree: ${outside.join(', ')}.`,
      );
    if (dto.modality === 'external') {
      if (!dto.provider) refuse('provider-required', 'An external line names its provider.');
    } else if (!dto.courseId) refuse('course-required', 'An online or face-to-face line names its course.');
    if (dto.courseId && !(await this.plans.publishedCourse(dto.courseId)))
      refuse('course-not-published', 'courseId does not name a published course.');
    const others = await this.plans.allocatedExcept(m, plan.id, lineId);
    if (money(others + dto.cost) > money(Number(plan.budget)))
      refuse(
        'over-budget',
        `This line would bring the plan to ${formatMoney(others + dto.cost)}, over its budget of ${formatMoney(Number(plan.budget))}. Lower the cost or raise the budget.`,
      );
    return {
      competencyCode: dto.competencyCode,
      targetAgencyId: dto.targetAgencyId,
      positionIds,
      modality: dto.modality,
      courseId: dto.courseId ?? null,
      provider: dto.provider ?? null,
      seats: dto.seats,
      quarter: dto.quarter,
      cost: dto.cost,
      kpi: dto.kpi,
      kpiMeasure: dto.kpiMeasure ?? 'completed_share',
      kpiTarget: dto.kpiTarget,
    };
  }

  async addLine(actor: AuthUser, id: string, input: PlanLineDto, ip: string | null): Promise<PlanView> {
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockForEdit(m, actor, id);
      if ((await this.plans.lines(id, m)).length >= MAX_LINES)
        refuse('too-many-lines', `A plan has at most ${MAX_LINES} lines.`);
      const line = await this.checkedLine(m, plan, input, null);
      const [lineId] = await this.plans.insertLines(m, id, [line]);
      await this.plans.touch(m, id);
      await this.audit(m, actor, ip, 'plan.line.add', id, { lineId, cost: line.cost });
      await this.changed(m, plan);
    });
    return this.get(actor, id);
  }

  async updateLine(actor: AuthUser, id: string, lineId: string, input: PlanLineDto, ip: string | null) {
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockForEdit(m, actor, id);
      if (!(await this.plans.line(id, lineId, m))) throw new NotFoundException('The plan has no line with this id.');
      const line = await this.checkedLine(m, plan, input, lineId);
      await this.plans.updateLine(m, lineId, line);
      await this.plans.touch(m, id);
      await this.audit(m, actor, ip, 'plan.line.update', id, { lineId, cost: line.cost });
      await this.changed(m, plan);
    });
    return this.get(actor, id);
  }

  async removeLine(actor: AuthUser, id: string, lineId: string, ip: string | null): Promise<PlanView> {
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockForEdit(m, actor, id);
      if (!(await this.plans.line(id, lineId, m))) throw new NotFoundException('The plan has no line with this id.');
      if (await this.plans.lineHasSpending(m, lineId))
        conflict('line-has-spending', 'Money has been spent against this line; it stays in the plan.');
      await this.plans.removeLine(m, lineId);
      await this.plans.touch(m, id);
      await this.audit(m, actor, ip, 'plan.line.remove', id, { lineId });
      await this.changed(m, plan);
    });
    return this.get(actor, id);
  }

  async submit(actor: AuthUser, id: string, ip: string | null): Promise<PlanView> {
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockForEdit(m, actor, id);
      if (!(await this.plans.lines(id, m)).length) refuse('plan-empty', 'A plan needs at least one line to submit.');
      await this.plans.setStatus(m, id, 'submitted', { submittedBy: actor.id });
      await this.audit(m, actor, ip, 'plan.submit', id, { revision: plan.revision + 1 });
    });
    return this.get(actor, id);
  }

  private async lockForDecision(m: EntityManager, actor: AuthUser, id: string): Promise<PlanRow> {
    const plan = await this.lockVisible(m, actor, id);
    if (!mayApprovePlan(actor, plan.agency_path))
      throw new ForbiddenException({
        message: 'Only the head of the agency (or of an agency above it) approves its plan.',
        slug: 'not-agency-head',
      });
    if (plan.status !== 'submitted') conflict('plan-not-submitted', 'The plan has not been submitted for approval.');
    if (plan.submitted_by === actor.id)
      throw new ForbiddenException({
        message: 'You submitted this plan; another head of the agency approves it.',
        slug: 'own-submission',
      });
    return plan;
  }

  async approve(actor: AuthUser, id: string, input: ApprovePlanDto, ip: string | null): Promise<PlanView> {
    const dto = await validateInput(ApprovePlanDto, input);
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockForDecision(m, actor, id);
      if (plan.revision !== dto.revision)
        conflict('plan-changed', 'The plan changed since you read it; read it again before approving.');
      const lines = await this.plans.lines(id, m);
      const version = plan.approved_version + 1;
      await this.plans.insertVersion(m, {
        planId: id,
        version,
        budget: Number(plan.budget),
        total: Number(plan.allocated),
        lines: lines.map(PlanLineView.versionLine),
        reason: plan.change_reason,
        submittedBy: plan.submitted_by,
        approvedBy: actor.id,
      });
      await this.plans.setStatus(m, id, 'approved', { approvedVersion: version, changeReason: null });
      await this.audit(m, actor, ip, 'plan.approve', id, { version, total: Number(plan.allocated) });
      await this.changed(m, plan);
    });
    return this.get(actor, id);
  }

  /** The head sends a submitted plan back to HR with a reason. */
  async returnForChanges(actor: AuthUser, id: string, input: PlanReasonDto, ip: string | null): Promise<PlanView> {
    const dto = await validateInput(PlanReasonDto, input);
    await this.dataSource.transaction(async (m) => {
      await this.lockForDecision(m, actor, id);
      await this.plans.setStatus(m, id, 'draft', { submittedBy: null });
      await this.audit(m, actor, ip, 'plan.return', id, { reason: dto.reason });
    });
    return this.get(actor, id);
  }

  /** An approved plan reopened for a change: the approved version stays published until the next approval. */
  async reopen(actor: AuthUser, id: string, input: PlanReasonDto, ip: string | null): Promise<PlanView> {
    const dto = await validateInput(PlanReasonDto, input);
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockVisible(m, actor, id);
      if (!mayEditPlan(actor, plan.agency_path))
        throw new ForbiddenException({
          message: 'Only HR officers of the agency change its plan.',
          slug: 'not-plan-editor',
        });
      if (plan.status !== 'approved') conflict('plan-not-approved', 'Only an approved plan is reopened.');
      await this.plans.setStatus(m, id, 'draft', { changeReason: dto.reason, submittedBy: null });
      await this.audit(m, actor, ip, 'plan.reopen', id, { reason: dto.reason, fromVersion: plan.approved_version });
    });
    return this.get(actor, id);
  }

  async versions(actor: AuthUser, id: string): Promise<PlanVersionsView> {
    await this.visible(actor, id);
    return { items: (await this.plans.versions(id)).map(PlanVersionView.of) };
  }

  async version(actor: AuthUser, id: string, version: number): Promise<PlanVersionView> {
    await this.visible(actor, id);
    const row = await this.plans.version(id, version);
    if (!row) throw new NotFoundException('The plan has no approved version with this number.');
    return PlanVersionView.of(row);
  }

  async spending(actor: AuthUser, id: string): Promise<PlanSpendingView> {
    const plan = await this.visible(actor, id);
    return {
      budget: Number(plan.budget),
      allocated: Number(plan.allocated),
      spent: Number(plan.spent),
      items: (await this.plans.spending(id)).map(SpendingView.of),
    };
  }

  /**
   * Records spending against a line of the approved version. The same reference on the same line is
   * the same record (a form posted twice records once); spending beyond the line's allocation is refused.
   */
  async recordSpending(
    actor: AuthUser,
    id: string,
    input: RecordSpendingDto,
    ip: string | null,
  ): Promise<{ created: boolean; spending: SpendingView }> {
    const dto = await validateInput(RecordSpendingDto, input);
    if (!isRealDate(dto.spentOn)) refuse('spent-on-invalid', 'spentOn must be a real date.');
    const result = await this.dataSource.transaction(async (m) => {
      const plan = await this.lockVisible(m, actor, id);
      if (!mayEditPlan(actor, plan.agency_path))
        throw new ForbiddenException({
          message: 'Only HR officers of the agency record its spending.',
          slug: 'not-plan-editor',
        });
      if (plan.approved_version === 0)
        conflict('plan-never-approved', 'Spending is recorded once the plan is approved.');
      if (!(await this.plans.approvedLineIds(id, m)).has(dto.lineId))
        refuse('line-not-approved', 'lineId is not a line of the approved plan.');
      const reference = dto.reference.trim();
      const same = await this.plans.spendingByReference(m, dto.lineId, reference);
      if (same) {
        if (money(Number(same.amount)) !== money(dto.amount) || same.spent_on !== dto.spentOn)
          conflict(
            'reference-used',
            `Reference ${reference} is already recorded on this line with a different amount or day.`,
          );
        return { created: false, spendingId: same.id };
      }
      const line = (await this.plans.line(id, dto.lineId, m)) ?? null;
      const allocation = line ? Number(line.cost) : 0;
      const spent = await this.plans.lineSpent(m, dto.lineId);
      if (money(spent + dto.amount) > money(allocation))
        refuse(
          'line-overspent',
          `The line is allocated ${formatMoney(allocation)} and ${formatMoney(spent)} is spent; ${formatMoney(dto.amount)} more would exceed it. Reopen the plan to change the allocation.`,
        );
      const spendingId = await this.plans.insertSpending(m, {
        planId: id,
        lineId: dto.lineId,
        amount: dto.amount,
        spentOn: dto.spentOn,
        reference,
        note: dto.note?.trim() || null,
        recordedBy: actor.id,
      });
      await this.audit(m, actor, ip, 'plan.spending', id, { lineId: dto.lineId, amount: dto.amount, reference });
      await this.changed(m, plan);
      return { created: true, spendingId };
    });
    const item = (await this.plans.spending(id)).find((s) => s.id === result.spendingId)!;
    return { created: result.created, spending: SpendingView.of(item) };
  }

  /** Links an assignment or a face-to-face session of the line's course to the line. */
  async linkDelivery(actor: AuthUser, id: string, lineId: string, input: LinkDeliveryDto, ip: string | null) {
    const dto = await validateInput(LinkDeliveryDto, input);
    if (!!dto.assignmentId === !!dto.sessionId)
      refuse('delivery-target', 'Give exactly one of assignmentId, sessionId.');
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockVisible(m, actor, id);
      if (!mayEditPlan(actor, plan.agency_path))
        throw new ForbiddenException({
          message: 'Only HR officers of the agency link deliveries.',
          slug: 'not-plan-editor',
        });
      const line = await this.plans.line(id, lineId, m);
      if (!line) throw new NotFoundException('The plan has no line with this id.');
      const kind = dto.assignmentId ? 'assignment' : 'session';
      const refId = (dto.assignmentId ?? dto.sessionId)!;
      const target = dto.assignmentId
        ? await this.plans.assignment(refId)
        : await this.plans.session(refId).then((s) => s && { course_id: s.course_id, scope_path: s.agency_path });
      if (!target) refuse('delivery-not-found', `No ${kind} has this id.`);
      if (target.course_id !== line.course_id)
        refuse('delivery-other-course', `The ${kind} is for another course than the line’s.`);
      if (target.scope_path && !mayEditPlan(actor, target.scope_path))
        refuse('delivery-outside-scope', `The ${kind} is outside the agencies you manage.`);
      if (await this.plans.linkDelivery(m, { lineId, kind, refId, linkedBy: actor.id })) {
        await this.audit(m, actor, ip, 'plan.delivery.link', id, { lineId, kind, refId });
        await this.changed(m, plan);
      }
    });
    return this.get(actor, id);
  }

  async unlinkDelivery(actor: AuthUser, id: string, lineId: string, kind: string, refId: string, ip: string | null) {
    await this.dataSource.transaction(async (m) => {
      const plan = await this.lockVisible(m, actor, id);
      if (!mayEditPlan(actor, plan.agency_path))
        throw new ForbiddenException({
          message: 'Only HR officers of the agency link deliveries.',
          slug: 'not-plan-editor',
        });
      if (!(await this.plans.line(id, lineId, m))) throw new NotFoundException('The plan has no line with this id.');
      if (await this.plans.unlinkDelivery(m, lineId, kind, refId)) {
        await this.audit(m, actor, ip, 'plan.delivery.unlink', id, { lineId, kind, refId });
        await this.changed(m, plan);
      }
    });
    return this.get(actor, id);
  }
}
