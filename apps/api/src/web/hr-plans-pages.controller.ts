// Capacity-building plans on the web: HR officers list the plans of their subtree with plan vs
// actual, draft a year's plan from the needs (or start an empty one), add and remove lines, submit
// it, record spending and link the assignments that deliver a line; the agency's head approves or
// returns it; an approved plan is reopened with a reason. Plain forms and server-drawn charts: no
// JavaScript needed, fits a 320-pixel phone.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssignmentsService } from '@chadavkhi/accountability';
import { AuthUser, hasRole, Roles } from '@chadavkhi/identity';
import { ListSessionsQuery, SessionsService } from '@chadavkhi/learning';
import { PageQuery } from '@chadavkhi/platform';
import {
  KPI_MEASURES,
  MODALITIES,
  PlanActualsService,
  PlanActualsView,
  PlanDraftService,
  PlansService,
  PlanView,
} from '@chadavkhi/planning';
import { horizontalBarChart, lineChart } from './dashboard-charts';
import { FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';

const PAGE_SIZE = 20;
const NOT_FOUND = 'No plan with this id is visible to you.';
const NOTICES = [
  'created',
  'line',
  'removed',
  'budget',
  'submitted',
  'approved',
  'returned',
  'reopened',
  'spent',
  'linked',
];

/** The refusals a plan page words itself, by the service's slug. */
const REFUSAL_KEYS = new Set([
  'plan-exists',
  'over-budget',
  'budget-below-allocated',
  'target-outside-agency',
  'positions-outside-agency',
  'course-required',
  'provider-required',
  'course-not-published',
  'unknown-competency',
  'plan-submitted',
  'plan-approved',
  'plan-empty',
  'plan-changed',
  'own-submission',
  'not-agency-head',
  'line-has-spending',
  'line-overspent',
  'line-not-approved',
  'reference-used',
  'spent-on-invalid',
  'delivery-other-course',
  'delivery-not-found',
  'delivery-outside-scope',
  'agency-outside-scope',
  'too-many-lines',
]);

/** A sum of money typed with spaces, commas or apostrophes between the thousands; NaN for the service to refuse. */
function amount(form: FormReader, name: string): number {
  const typed = form.raw(name).trim();
  form.values[name] = typed;
  const plain = typed.replace(/[\s,'’]/g, '');
  return /^\d+(\.\d{1,2})?$/.test(plain) ? Number(plain) : NaN;
}

const money = (lang: Language, n: number) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'mn-MN', { maximumFractionDigits: 0 }).format(n);

@ApiExcludeController()
@Roles('hr_officer', 'agency_head', 'admin')
@Controller('hr/plans')
export class HrPlansPagesController {
  constructor(
    private readonly plans: PlansService,
    private readonly drafts: PlanDraftService,
    private readonly actuals: PlanActualsService,
    private readonly assignments: AssignmentsService,
    private readonly sessions: SessionsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  list(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderList(lang, query, request, reply);
  }

  @Post()
  @Roles('hr_officer', 'admin')
  async create(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    const form = new FormReader(body, lang);
    const input = { agencyId: form.text('agencyId'), year: form.wholeNumber('year'), budget: amount(form, 'budget') };
    const fromNeeds = form.checkbox('fromNeeds');
    try {
      const plan = fromNeeds
        ? await this.drafts.draft(actor, input, request.ip ?? null)
        : await this.plans.create(actor, input, request.ip ?? null);
      return reply.redirect(`/hr/plans/${plan.id}?notice=created`, 303);
    } catch (error) {
      const status = this.refused(lang, form, error, 'agencyId');
      if (status === undefined) throw error;
      return this.renderList(lang, {}, request, reply, { status, form });
    }
  }

  @Get(':id')
  show(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderPlan(lang, id, query, request, reply);
  }

  @Post(':id/lines')
  @Roles('hr_officer', 'admin')
  async addLine(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const positionIds = ([] as unknown[])
      .concat(body.positionIds ?? [])
      .filter((v): v is string => typeof v === 'string');
    form.values.positionIds = positionIds.join(',');
    const modality = form.choice('modality', MODALITIES);
    const line = {
      competencyCode: form.text('competencyCode'),
      targetAgencyId: form.text('targetAgencyId'),
      positionIds,
      modality,
      courseId: form.text('courseId') || undefined,
      provider: form.text('provider') || undefined,
      seats: form.wholeNumber('seats'),
      quarter: form.wholeNumber('quarter'),
      cost: amount(form, 'cost'),
      kpi: form.text('kpi'),
      kpiMeasure: form.choice('kpiMeasure', KPI_MEASURES),
      kpiTarget: form.wholeNumber('kpiTarget'),
    };
    return this.act(lang, id, request, reply, form, 'competencyCode', 'line', () =>
      this.plans.addLine(request.user as AuthUser, id, line, request.ip ?? null),
    );
  }

  @Post(':id/lines/:lineId/remove')
  @Roles('hr_officer', 'admin')
  removeLine(
    @UuidParam('id', NOT_FOUND) id: string,
    @UuidParam('lineId', NOT_FOUND) lineId: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(lang, id, request, reply, new FormReader({}, lang), 'plan', 'removed', () =>
      this.plans.removeLine(request.user as AuthUser, id, lineId, request.ip ?? null),
    );
  }

  @Post(':id/budget')
  @Roles('hr_officer', 'admin')
  budget(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const value = amount(form, 'budget');
    return this.act(lang, id, request, reply, form, 'budget', 'budget', () =>
      this.plans.updateBudget(request.user as AuthUser, id, { budget: value }, request.ip ?? null),
    );
  }

  @Post(':id/submit')
  @Roles('hr_officer', 'admin')
  submit(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.act(lang, id, request, reply, new FormReader({}, lang), 'plan', 'submitted', () =>
      this.plans.submit(request.user as AuthUser, id, request.ip ?? null),
    );
  }

  @Post(':id/approve')
  @Roles('agency_head')
  approve(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const revision = form.wholeNumber('revision');
    return this.act(lang, id, request, reply, form, 'plan', 'approved', () =>
      this.plans.approve(request.user as AuthUser, id, { revision }, request.ip ?? null),
    );
  }

  @Post(':id/return')
  @Roles('agency_head')
  returnPlan(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const reason = form.text('reason');
    return this.act(lang, id, request, reply, form, 'reason', 'returned', () =>
      this.plans.returnForChanges(request.user as AuthUser, id, { reason }, request.ip ?? null),
    );
  }

  @Post(':id/reopen')
  @Roles('hr_officer', 'admin')
  reopen(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const reason = form.text('reason');
    return this.act(lang, id, request, reply, form, 'reason', 'reopened', () =>
      this.plans.reopen(request.user as AuthUser, id, { reason }, request.ip ?? null),
    );
  }

  @Post(':id/spending')
  @Roles('hr_officer', 'admin')
  spend(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const input = {
      lineId: form.text('lineId'),
      amount: amount(form, 'amount'),
      spentOn: form.text('spentOn'),
      reference: form.text('reference'),
      note: form.text('note') || undefined,
    };
    return this.act(lang, id, request, reply, form, 'amount', 'spent', () =>
      this.plans.recordSpending(request.user as AuthUser, id, input, request.ip ?? null),
    );
  }

  @Post(':id/lines/:lineId/deliveries')
  @Roles('hr_officer', 'admin')
  link(
    @UuidParam('id', NOT_FOUND) id: string,
    @UuidParam('lineId', NOT_FOUND) lineId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    // "assignment:<id>" or "session:<id>", as the line's choice offers them.
    const [kind, refId] = form.text('delivery').split(':');
    const link = kind === 'session' ? { sessionId: refId } : { assignmentId: refId };
    return this.act(lang, id, request, reply, form, 'plan', 'linked', () =>
      this.plans.linkDelivery(request.user as AuthUser, id, lineId, link, request.ip ?? null),
    );
  }

  /** Runs a change and goes back to the plan; a refusal shows the plan again with the words beside the form. */
  private async act(
    lang: Language,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormReader,
    fallback: string,
    notice: string,
    change: () => Promise<unknown>,
  ) {
    try {
      await change();
      return reply.redirect(`/hr/plans/${id}?notice=${notice}`, 303);
    } catch (error) {
      const status = this.refused(lang, form, error, fallback);
      if (status === undefined) throw error;
      return this.renderPlan(lang, id, {}, request, reply, { status, form });
    }
  }

  /** The status to answer a refused form with (its words put on the form), or undefined for anything else. */
  private refused(lang: Language, form: FormReader, error: unknown, fallback: string): number | undefined {
    if (form.refusedBy(error, fallback)) return HttpStatus.BAD_REQUEST;
    const refusal = pageRefusal(error, HttpStatus.FORBIDDEN);
    if (!refusal) return undefined;
    form.fail(
      fallback,
      refusal.slug && REFUSAL_KEYS.has(refusal.slug) ? `plans.refused.${refusal.slug}` : 'plans.refused',
    );
    return refusal.status;
  }

  private async renderList(
    lang: Language,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { status: number; form: FormReader },
  ) {
    const actor = request.user as AuthUser;
    const page = pageNumber(query.page);
    const writes = hasRole(actor, 'hr_officer', 'admin');
    const [found, options] = await Promise.all([
      this.plans.list(actor, Object.assign(new PageQuery(), { page, limit: PAGE_SIZE })),
      writes ? this.assignments.formOptions(actor) : Promise.resolve(undefined),
    ]);
    const values = failed?.form.values ?? {
      agencyId: actor.agencyId,
      year: String(new Date().getFullYear() + 1),
      fromNeeds: 'on',
    };
    const title = translate(lang, 'plans.title');
    const items = found.items.map((p) => ({
      href: `/hr/plans/${p.id}`,
      agency: lang === 'en' ? p.agency.name.en : p.agency.name.mn,
      year: p.year,
      status: translate(lang, `plans.status.${p.status}`),
      statusClass: p.status,
      version: p.approvedVersion ? translate(lang, 'plans.versionN', { version: p.approvedVersion }) : '',
      budget: money(lang, p.budget),
      allocated: money(lang, p.allocated),
      spent: money(lang, p.spent),
      seats: p.seats,
      reached: p.reached,
      completed: p.completed,
      certified: p.certified,
    }));
    return this.pages.render(
      request,
      reply,
      'hr-plans.hbs',
      title,
      {
        heading: title,
        pagePath: '/hr/plans',
        notice:
          typeof query.notice === 'string' && query.notice === 'created'
            ? translate(lang, 'plans.notice.created')
            : undefined,
        countText: translate(lang, 'plans.count', { count: found.total }),
        items,
        chart: items.length
          ? horizontalBarChart({
              id: 'plans-completed',
              title: translate(lang, 'plans.chart.completed'),
              summary: translate(lang, 'plans.chart.completedSummary'),
              bars: found.items.map((p) => ({
                label: `${lang === 'en' ? p.agency.name.en : p.agency.name.mn} ${p.year}`,
                value: p.completed,
                valueText: `${p.completed} / ${p.seats}`,
                href: `/hr/plans/${p.id}`,
              })),
              max: Math.max(1, ...found.items.map((p) => p.seats)),
              tone: 'ok',
            })
          : undefined,
        pager: pagerModel(lang, '/hr/plans', {}, page, PAGE_SIZE, found.total),
        canCreate: writes,
        values,
        errors: failed?.form.errors ?? {},
        errorList: Object.entries(failed?.form.errors ?? {}).map(([field, message]) => ({
          href: `#np-${field}`,
          message,
        })),
        agencies: (options?.agencies ?? []).map((a) => ({
          value: a.id,
          label: `${'— '.repeat(Math.min(a.depth, 6))}${lang === 'en' ? a.name_en : a.name_mn}`,
          selected: a.id === values.agencyId,
        })),
      },
      { status: failed?.status ?? 200 },
    );
  }

  private async renderPlan(
    lang: Language,
    id: string,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { status: number; form: FormReader },
  ) {
    const actor = request.user as AuthUser;
    const [plan, actual, history, versions] = await Promise.all([
      this.plans.get(actor, id),
      this.actuals.forPlan(actor, id),
      this.actuals.history(actor, id),
      this.plans.versions(actor, id),
    ]);
    const options = plan.may.edit ? await this.plans.lineOptions(actor, id) : undefined;
    const deliverable = plan.may.recordSpending
      ? await this.assignments.list(actor, Object.assign(new PageQuery(), { page: 1, limit: 100 }))
      : undefined;
    // The face-to-face sessions of each line's course held in the plan's subtree (a line planned
    // online may still be delivered partly in a room, for people who are offline).
    const sessionCourses = plan.may.recordSpending
      ? [...new Set(plan.lines.filter((l) => l.course).map((l) => l.course!.id))]
      : [];
    const sessionsByCourse = new Map(
      await Promise.all(
        sessionCourses.map(
          async (courseId) =>
            [
              courseId,
              (
                await this.sessions.list(
                  actor,
                  Object.assign(new ListSessionsQuery(), {
                    courseId,
                    agencyId: plan.agency.id,
                    includePast: true,
                    page: 1,
                    limit: 50,
                  }),
                )
              ).items,
            ] as const,
        ),
      ),
    );
    const name = (n: { mn: string; en: string }) => (lang === 'en' ? n.en : n.mn);
    const agency = name(plan.agency.name);
    const title = translate(lang, 'plans.planTitle', { agency, year: plan.year });
    const values = failed?.form.values ?? {
      quarter: '1',
      kpiMeasure: 'completed_share',
      kpiTarget: '80',
      modality: 'online',
    };
    const errors = failed?.form.errors ?? {};
    const byLine = new Map(actual.lines.map((l) => [l.lineId, l]));
    const lines = plan.lines.map((l) => {
      const a = byLine.get(l.id);
      return {
        id: l.id,
        competency: name(l.competency.name),
        target: `${name(l.targetAgency.name)} · ${l.positions.map((p) => name(p.name)).join(', ')}`,
        modality: translate(lang, `plans.modality.${l.modality}`),
        what: l.course ? (lang === 'en' ? (l.course.titleEn ?? l.course.title) : l.course.title) : l.provider,
        quarter: translate(lang, 'plans.quarterN', { quarter: l.quarter }),
        seats: l.seats,
        reached: a?.reached ?? 0,
        completed: a?.completed ?? 0,
        certified: a?.certified ?? 0,
        cost: money(lang, l.cost),
        spent: money(lang, l.spent),
        kpi: l.kpi,
        kpiTarget: l.kpiTarget,
        kpiValue: a?.kpiValue ?? null,
        kpiMeasure: translate(lang, `plans.kpiMeasure.${l.kpiMeasure}`),
        deliveries: l.deliveries.length,
        removeAction: plan.may.edit ? `/hr/plans/${plan.id}/lines/${l.id}/remove` : undefined,
        linkAction: plan.may.recordSpending && l.course ? `/hr/plans/${plan.id}/lines/${l.id}/deliveries` : undefined,
        deliveryOptions: [
          ...(deliverable?.items ?? [])
            .filter((x) => l.course && x.course.id === l.course.id && !x.cancelledAt)
            .filter((x) => !l.deliveries.some((d) => d.id === x.id))
            .map((x) => ({
              value: `assignment:${x.id}`,
              label: `${translate(lang, 'plans.deliveryAssignment')}: ${x.target.agencyName ? name(x.target.agencyName) : ''}${x.target.positionName ? ` · ${name(x.target.positionName)}` : ''} (${x.people})`,
            })),
          ...(l.course ? (sessionsByCourse.get(l.course.id) ?? []) : [])
            .filter((s) => !l.deliveries.some((d) => d.id === s.id))
            .map((s) => ({
              value: `session:${s.id}`,
              label: `${translate(lang, 'plans.deliverySession')}: ${formatDate(lang, s.startsAt, true)} · ${s.place} (${s.registered})`,
            })),
        ],
      };
    });
    const approvedLines = versions.items[0]?.lines ?? [];
    const notice =
      typeof query.notice === 'string' && NOTICES.includes(query.notice)
        ? translate(lang, `plans.notice.${query.notice}`)
        : undefined;
    return this.pages.render(
      request,
      reply,
      'hr-plan.hbs',
      title,
      {
        heading: title,
        pagePath: `/hr/plans/${plan.id}`,
        notice,
        plan: {
          id: plan.id,
          status: translate(lang, `plans.status.${plan.status}`),
          statusClass: plan.status,
          revision: plan.revision,
          version: plan.approvedVersion
            ? translate(lang, 'plans.versionN', { version: plan.approvedVersion })
            : undefined,
          changeReason: plan.changeReason,
          budget: money(lang, plan.budget),
          budgetRaw: String(plan.budget),
          allocated: money(lang, plan.allocated),
          spent: money(lang, plan.spent),
          remaining: money(lang, plan.budget - plan.allocated),
          overBudget: plan.allocated > plan.budget,
        },
        may: plan.may,
        lines,
        computedText: actual.computedAt
          ? translate(lang, 'plans.computedAt', { at: formatDate(lang, actual.computedAt, true) })
          : translate(lang, 'plans.notComputed'),
        totals: actual.totals,
        charts: this.charts(lang, plan, actual, history.days),
        versions: versions.items.map((v) => ({
          version: v.version,
          approvedAt: formatDate(lang, v.approvedAt),
          approvedBy: v.approvedBy?.name ?? '—',
          total: money(lang, v.total),
          reason: v.reason,
        })),
        errors,
        errorList: Object.entries(errors).map(([field, message]) => ({ href: `#pl-${field}`, message })),
        values,
        options: options && {
          competencies: options.competencies.map((c) => ({
            value: c.code,
            label: lang === 'en' ? c.name_en : c.name_mn,
            selected: c.code === values.competencyCode,
          })),
          agencies: options.agencies.map((a) => ({
            value: a.id,
            label: `${'— '.repeat(Math.min(a.depth, 6))}${lang === 'en' ? a.name_en : a.name_mn}`,
            selected: a.id === (values.targetAgencyId ?? plan.agency.id),
          })),
          positions: options.positions.map((p) => ({
            value: p.id,
            label: `${lang === 'en' ? p.name_en : p.name_mn} (${p.people})`,
            selected: (values.positionIds ?? '').split(',').includes(p.id),
          })),
          courses: options.courses.map((c) => ({
            value: c.id,
            label: lang === 'en' && c.title_en ? c.title_en : c.title,
            selected: c.id === values.courseId,
          })),
          modalities: MODALITIES.map((m) => ({
            value: m,
            label: translate(lang, `plans.modality.${m}`),
            selected: m === values.modality,
          })),
          quarters: [1, 2, 3, 4].map((q) => ({
            value: q,
            label: translate(lang, 'plans.quarterN', { quarter: q }),
            selected: String(q) === values.quarter,
          })),
          measures: KPI_MEASURES.map((m) => ({
            value: m,
            label: translate(lang, `plans.kpiMeasure.${m}`),
            selected: m === values.kpiMeasure,
          })),
        },
        spendLines: plan.may.recordSpending
          ? approvedLines.map((l) => ({
              value: l.id,
              label: `${name(l.competency.name)} · ${translate(lang, `plans.modality.${l.modality}`)} · ${translate(lang, 'plans.quarterN', { quarter: l.quarter })}`,
              selected: l.id === values.lineId,
            }))
          : undefined,
      },
      { status: failed?.status ?? 200 },
    );
  }

  private charts(
    lang: Language,
    plan: PlanView,
    actual: PlanActualsView,
    days: { day: string; reached: number; completed: number; certified: number }[],
  ) {
    const name = (n: { mn: string; en: string }) => (lang === 'en' ? n.en : n.mn);
    const label = (l: PlanActualsView['lines'][number]) =>
      `${name(l.competency.name)} · ${translate(lang, `plans.modality.${l.modality}`)}`;
    const charts = [
      horizontalBarChart({
        id: 'plan-completed',
        title: translate(lang, 'plans.chart.lineCompleted'),
        summary: translate(lang, 'plans.chart.lineCompletedSummary', {
          completed: actual.totals.completed,
          seats: actual.totals.seats,
        }),
        bars: actual.lines.map((l) => ({
          label: label(l),
          value: l.completed,
          valueText: `${l.completed} / ${l.seats}`,
        })),
        max: Math.max(1, ...actual.lines.map((l) => l.seats)),
        tone: 'ok',
      }),
      horizontalBarChart({
        id: 'plan-spent',
        title: translate(lang, 'plans.chart.spent'),
        summary: translate(lang, 'plans.chart.spentSummary', {
          spent: money(lang, plan.spent),
          allocated: money(lang, plan.allocated),
        }),
        bars: actual.lines.map((l) => ({
          label: label(l),
          value: l.spent,
          valueText: `${money(lang, l.spent)} / ${money(lang, l.cost)}`,
        })),
        max: Math.max(1, ...actual.lines.map((l) => l.cost)),
      }),
    ];
    if (days.length > 1)
      charts.push(
        lineChart({
          id: 'plan-history',
          title: translate(lang, 'plans.chart.history'),
          summary: translate(lang, 'plans.chart.historySummary', { days: days.length }),
          series: [
            { name: translate(lang, 'plans.col.reached'), points: days.map((d) => ({ day: d.day, value: d.reached })) },
            {
              name: translate(lang, 'plans.col.completed'),
              points: days.map((d) => ({ day: d.day, value: d.completed })),
              colour: '#1d6b36',
            },
          ],
          yMax: Math.max(1, actual.totals.seats, ...days.map((d) => d.reached)),
          formatY: (v) => String(Math.round(v)),
          formatDay: (d) => formatDate(lang, `${d}T12:00:00+08:00`),
        }),
      );
    return charts;
  }
}
