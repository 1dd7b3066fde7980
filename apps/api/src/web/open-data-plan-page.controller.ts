// A published plan for the public (/open-data/plans/:id): its approved lines with plan vs actual
// (small groups withheld, as in the files), and the citizens' comments with the agency's answers —
// anyone may comment, and the agency must answer within the deadline. Plain forms, no JavaScript.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlanOpenDataService } from '@chadavkhi/planning';
import { AppConfig, Public } from '@chadavkhi/platform';
import { FieldErrors, FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { assertSameOrigin, pageLanguage } from './web-request';

const NOT_FOUND = 'No published plan has this id.';

@ApiExcludeController()
@Public()
@Controller('open-data/plans')
export class OpenDataPlanPageController {
  constructor(
    private readonly plans: PlanOpenDataService,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get(':id')
  show(@UuidParam('id', NOT_FOUND) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.render(request, reply, id);
  }

  @Post(':id/comments')
  async comment(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertSameOrigin(request, this.config);
    const form = new FormReader(body, lang);
    const dto = { name: form.text('name'), email: form.text('email') || undefined, body: form.text('body') };
    try {
      await this.plans.comment(request.user ?? null, id, dto, request.ip);
    } catch (error) {
      if (form.refusedBy(error, 'body'))
        return this.render(request, reply, id, { status: 422, values: form.values, errors: form.errors });
      const refused = pageRefusal(error, HttpStatus.TOO_MANY_REQUESTS);
      if (!refused) throw error;
      if (refused.retryAfter) reply.header('retry-after', String(refused.retryAfter));
      form.fail(
        'body',
        refused.status === HttpStatus.TOO_MANY_REQUESTS ? 'knowledge.comment.tooMany' : 'plans.refused',
      );
      return this.render(request, reply, id, { status: refused.status, values: form.values, errors: form.errors });
    }
    return reply.redirect(`/open-data/plans/${id}?notice=commented#comments`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    failed?: { status: number; values: Record<string, string>; errors: FieldErrors },
  ) {
    const lang = pageLanguage(request);
    const [published, comments] = await Promise.all([
      this.plans.plan(id),
      this.plans.commentsOn(id, { offset: 0, limit: 100, page: 1 }),
    ]);
    const p = published.plan;
    const money = (n: unknown) =>
      new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'mn-MN', { maximumFractionDigits: 0 }).format(Number(n));
    const figure = (n: unknown) => (n === null || n === undefined ? '—' : String(n));
    const agency = String(lang === 'en' ? p.agency_name_en : p.agency_name_mn);
    const title = translate(lang, 'plans.planTitle', { agency, year: Number(p.year) });
    const notice = (request.query as Record<string, unknown> | undefined)?.notice === 'commented';
    return this.pages.render(
      request,
      reply,
      'open-data-plan.hbs',
      title,
      {
        heading: title,
        pagePath: `/open-data/plans/${id}`,
        description: translate(lang, 'plans.public.lead'),
        notice: notice ? translate(lang, 'plans.public.commented') : undefined,
        plan: {
          version: translate(lang, 'plans.versionN', { version: Number(p.version) }),
          approved: formatDate(lang, String(p.approved_at)),
          budget: money(p.budget),
          allocated: money(p.allocated),
          spent: money(p.spent),
          seats: p.seats,
          reached: p.reached,
          completed: p.completed,
        },
        lines: published.lines.map((l) => ({
          competency: String(lang === 'en' ? l.competency_name_en : l.competency_name_mn),
          modality: translate(lang, `plans.modality.${l.modality}`),
          what: l.course_title ?? l.provider,
          quarter: translate(lang, 'plans.quarterN', { quarter: Number(l.quarter) }),
          seats: l.seats,
          reached: figure(l.reached),
          completed: figure(l.completed),
          cost: money(l.cost),
          spent: money(l.spent),
          kpi: l.kpi,
          kpiTarget: l.kpi_target,
          kpiValue: figure(l.kpi_value),
        })),
        withheld: translate(lang, 'plans.public.withheld'),
        comments: {
          action: `/open-data/plans/${id}/comments`,
          values: failed?.values ?? {},
          errors: failed?.errors ?? {},
          items: comments.items.map((c) => ({
            name: c.name,
            when: formatDate(lang, c.createdAt, true),
            iso: c.createdAt,
            body: c.body,
            response: c.response,
            respondedWhen: c.respondedAt ? formatDate(lang, c.respondedAt, true) : undefined,
            dueText: !c.respondedAt
              ? translate(lang, 'knowledge.comment.due', { date: formatDate(lang, c.dueAt) })
              : undefined,
          })),
        },
      },
      { status: failed?.status ?? 200, csrf: false },
    );
  }
}
