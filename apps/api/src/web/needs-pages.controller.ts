// The training needs survey on the web: each person answers it about themselves (and a supervisor
// about each direct report) at /needs; HR opens a survey and reads the needs report per competency —
// chart, table and CSV — at /hr/needs. Plain forms, no JavaScript needed, mn/en.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssignmentsService } from '@chadavkhi/accountability';
import { AuthUser, Roles } from '@chadavkhi/identity';
import { NeedsSurveysService } from '@chadavkhi/planning';
import { horizontalBarChart } from './dashboard-charts';
import { FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';

const LEVELS = [0, 1, 2, 3, 4];
const SHEETS_PER_PAGE = 20;
const NOT_FOUND = 'No needs survey with this id is visible to you.';

@ApiExcludeController()
@Controller()
export class NeedsPagesController {
  constructor(
    private readonly needs: NeedsSurveysService,
    private readonly assignments: AssignmentsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('needs')
  async mine(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    failed?: { status: number; message: string },
  ) {
    const { items } = await this.needs.mine(request.user as AuthUser);
    const title = translate(lang, 'needs.title');
    const name = (n: { mn: string; en: string }) => (lang === 'en' ? n.en : n.mn);
    return this.pages.render(
      request,
      reply,
      'needs.hbs',
      title,
      {
        heading: title,
        pagePath: '/needs',
        notice: query.notice === 'saved' ? translate(lang, 'needs.saved') : undefined,
        error: failed?.message,
        surveys: items.map((s) => ({
          title: translate(lang, 'needs.surveyTitle', { agency: name(s.agency.name), year: s.year }),
          window: translate(lang, 'needs.window', {
            from: formatDate(lang, `${s.opensOn}T12:00:00+08:00`),
            to: formatDate(lang, `${s.closesOn}T12:00:00+08:00`),
          }),
          subjects: s.subjects.map((p) => ({
            heading:
              p.rater === 'self'
                ? translate(lang, 'needs.aboutYou')
                : translate(lang, 'needs.aboutReport', { name: p.name }),
            action: `/needs/${s.id}/answers`,
            userId: p.userId,
            rater: p.rater,
            questions: p.questions.map((q) => ({
              id: `q-${s.id.slice(0, 8)}-${p.userId.slice(0, 8)}-${q.competencyCode}`,
              name: `level_${q.competencyCode}`,
              label: name(q.name),
              requiredText: translate(lang, 'needs.required', { level: q.required }),
              options: LEVELS.map((l) => ({
                value: l,
                label: translate(lang, `needs.level.${l}`),
                selected: q.answer === l,
              })),
              unanswered: q.answer === null,
            })),
          })),
        })),
      },
      { status: failed?.status ?? 200 },
    );
  }

  @Post('needs/:id/answers')
  async answer(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const ratings = Object.keys(body)
      .filter((k) => k.startsWith('level_') && form.raw(k) !== '')
      .map((k) => ({ competencyCode: k.slice('level_'.length), level: form.wholeNumber(k) }));
    const input = { userId: form.text('userId'), rater: form.text('rater') as 'self' | 'supervisor', ratings };
    try {
      await this.needs.answer(request.user as AuthUser, id, input, request.ip ?? null);
      return reply.redirect('/needs?notice=saved', 303);
    } catch (error) {
      const refused = form.refusedBy(error, 'ratings')
        ? { status: HttpStatus.BAD_REQUEST, message: translate(lang, 'needs.refused') }
        : pageRefusal(error, HttpStatus.FORBIDDEN);
      if (!refused) throw error;
      return this.mine(lang, {}, request, reply, { status: refused.status, message: translate(lang, 'needs.refused') });
    }
  }

  @Get('hr/needs')
  @Roles('hr_officer', 'admin')
  async surveys(
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    failed?: { status: number; form: FormReader },
  ) {
    const actor = request.user as AuthUser;
    const [surveys, options] = await Promise.all([this.needs.list(actor), this.assignments.formOptions(actor)]);
    const title = translate(lang, 'needs.hr.title');
    const values = failed?.form.values ?? { agencyId: actor.agencyId, year: String(new Date().getFullYear() + 1) };
    return this.pages.render(
      request,
      reply,
      'hr-needs.hbs',
      title,
      {
        heading: title,
        pagePath: '/hr/needs',
        surveys: surveys.map((s) => ({
          href: `/hr/needs/${s.id}`,
          name: `${lang === 'en' ? s.agency.name.en : s.agency.name.mn} ${s.year}`,
          window: `${s.opensOn} – ${s.closesOn}`,
        })),
        values,
        errors: failed?.form.errors ?? {},
        errorList: Object.entries(failed?.form.errors ?? {}).map(([field, message]) => ({
          href: `#ns-${field}`,
          message,
        })),
        agencies: options.agencies.map((a) => ({
          value: a.id,
          label: `${'— '.repeat(Math.min(a.depth, 6))}${lang === 'en' ? a.name_en : a.name_mn}`,
          selected: a.id === values.agencyId,
        })),
      },
      { status: failed?.status ?? 200 },
    );
  }

  @Post('hr/needs')
  @Roles('hr_officer', 'admin')
  async open(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const input = {
      agencyId: form.text('agencyId'),
      year: form.wholeNumber('year'),
      opensOn: form.text('opensOn'),
      closesOn: form.text('closesOn'),
    };
    try {
      const survey = await this.needs.open(request.user as AuthUser, input, request.ip ?? null);
      return reply.redirect(`/hr/needs/${survey.id}`, 303);
    } catch (error) {
      if (form.refusedBy(error, 'agencyId')) return this.surveys(lang, request, reply, { status: 400, form });
      const refused = pageRefusal(error, HttpStatus.FORBIDDEN);
      if (!refused) throw error;
      form.fail(refused.slug === 'survey-window' ? 'closesOn' : 'agencyId', 'needs.hr.refused');
      return this.surveys(lang, request, reply, { status: refused.status, form });
    }
  }

  @Get('hr/needs/:id')
  @Roles('hr_officer', 'admin')
  async report(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const report = await this.needs.report(request.user as AuthUser, id);
    const name = (n: { mn: string; en: string }) => (lang === 'en' ? n.en : n.mn);
    const title = translate(lang, 'needs.surveyTitle', { agency: name(report.agency.name), year: report.survey.year });
    const rows = report.rows.map((r) => ({ ...r, label: name(r.name) }));
    return this.pages.render(request, reply, 'hr-needs-report.hbs', title, {
      heading: title,
      window: `${report.survey.opensOn} – ${report.survey.closesOn}`,
      csvHref: `/hr/needs/${id}/report.csv`,
      sheetsHref: `/hr/needs/${id}/sheets`,
      rows,
      chart: rows.length
        ? horizontalBarChart({
            id: 'needs-gaps',
            title: translate(lang, 'needs.chart.title'),
            summary: translate(lang, 'needs.chart.summary'),
            bars: rows.map((r) => ({
              label: r.label,
              value: r.certificateGaps,
              valueText: `${r.certificateGaps} / ${r.people}`,
            })),
            max: Math.max(1, ...rows.map((r) => r.people)),
            tone: 'warn',
          })
        : undefined,
    });
  }

  @Get('hr/needs/:id/sheets')
  @Roles('hr_officer', 'admin')
  async sheets(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    failed?: { status: number; userId: string; message: string },
  ) {
    const page = pageNumber(query.page);
    const found = await this.needs.sheets(request.user as AuthUser, id, {
      limit: SHEETS_PER_PAGE,
      offset: (page - 1) * SHEETS_PER_PAGE,
    });
    const name = (n: { mn: string; en: string }) => (lang === 'en' ? n.en : n.mn);
    const title = translate(lang, 'needs.sheets.title', {
      agency: name(found.survey.agency.name),
      year: found.survey.year,
    });
    const options = (answer: number | null) => [
      { value: '', label: '—', selected: answer === null },
      ...LEVELS.map((l) => ({ value: l, label: String(l), selected: answer === l })),
    ];
    return this.pages.render(
      request,
      reply,
      'hr-needs-sheets.hbs',
      title,
      {
        heading: title,
        pagePath: `/hr/needs/${id}/sheets`,
        notice: query.notice === 'typed' ? translate(lang, 'needs.sheets.typed') : undefined,
        scale: LEVELS.map((l) => translate(lang, `needs.level.${l}`)).join(' · '),
        action: `/hr/needs/${id}/sheets?page=${page}`,
        people: found.people.map((p) => ({
          anchor: `sheet-${p.userId}`,
          userId: p.userId,
          name: p.name,
          agency: name(p.agency),
          error: failed?.userId === p.userId ? failed.message : undefined,
          rows: p.questions.map((q) => ({
            label: name(q.name),
            required: q.required,
            selfId: `self-${p.userId.slice(0, 8)}-${q.competencyCode}`,
            supervisorId: `sup-${p.userId.slice(0, 8)}-${q.competencyCode}`,
            selfName: `self_${q.competencyCode}`,
            supervisorName: `supervisor_${q.competencyCode}`,
            selfOptions: options(q.self),
            supervisorOptions: options(q.supervisor),
          })),
        })),
        pager: pagerModel(lang, `/hr/needs/${id}/sheets`, {}, page, SHEETS_PER_PAGE, found.total),
      },
      { status: failed?.status ?? 200 },
    );
  }

  /** A filled paper sheet typed in: the person's own ratings and their supervisor's, as on the paper. */
  @Post('hr/needs/:id/sheets')
  @Roles('hr_officer', 'admin')
  async typeIn(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const userId = form.text('userId');
    const ratings = (prefix: string) =>
      Object.keys(body)
        .filter((k) => k.startsWith(prefix) && form.raw(k) !== '')
        .map((k) => ({ competencyCode: k.slice(prefix.length), level: form.wholeNumber(k) }));
    try {
      for (const rater of ['self', 'supervisor'] as const) {
        const given = ratings(`${rater}_`);
        if (given.length)
          await this.needs.answer(
            request.user as AuthUser,
            id,
            { userId, rater, source: 'paper', ratings: given },
            request.ip ?? null,
          );
      }
      return reply.redirect(`/hr/needs/${id}/sheets?page=${pageNumber(query.page)}&notice=typed#sheet-${userId}`, 303);
    } catch (error) {
      const refused = form.refusedBy(error, 'ratings')
        ? { status: HttpStatus.BAD_REQUEST }
        : pageRefusal(error, HttpStatus.FORBIDDEN);
      if (!refused) throw error;
      return this.sheets(id, lang, query, request, reply, {
        status: refused.status,
        userId,
        message: translate(lang, 'needs.sheets.refused'),
      });
    }
  }

  @Get('hr/needs/:id/report.csv')
  @Roles('hr_officer', 'admin')
  async csv(@UuidParam('id', NOT_FOUND) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const csv = await this.needs.reportCsv(request.user as AuthUser, id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="needs-report.csv"')
      .header('cache-control', 'no-store')
      .send(csv);
  }
}
