// Mandatory training on the web: an HR officer (or an administrator) lists the assignments made in
// their subtree, with people reached, done and overdue, assigns a course to an agency (optionally
// one position) with a fixed or relative due date, and cancels one. Plain forms, no JavaScript.
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssignmentsService, AssignmentView, ulaanbaatarToday } from '@chadavkhi/accountability';
import { CoursesService } from '@chadavkhi/learning';
import { AuthUser, Roles } from '@chadavkhi/identity';
import { PageQuery } from '@chadavkhi/platform';
import { assignmentRefused, DUE_KINDS, readAssignment } from './assignment-forms';
import { FieldErrors } from './form-fields';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';

const PAGE_SIZE = 20;

interface FormState {
  status: number;
  values: Record<string, string>;
  errors: FieldErrors;
}

@ApiExcludeController()
@Roles('hr_officer', 'admin')
@Controller('hr/assignments')
export class HrAssignmentsPagesController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly courses: CoursesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.render(lang, query, request, reply);
  }

  @Post()
  async create(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    const { form, assignment } = readAssignment(body, lang);
    if (!form.ok)
      return this.render(lang, query, request, reply, { status: 422, values: form.values, errors: form.errors });
    try {
      const { created } = await this.assignments.create(actor, assignment, request.ip ?? null);
      return reply.redirect(`/hr/assignments?notice=${created ? 'created' : 'exists'}`, 303);
    } catch (error) {
      const status = assignmentRefused(form, error);
      if (status === undefined) throw error;
      return this.render(lang, query, request, reply, { status, values: form.values, errors: form.errors });
    }
  }

  @Post(':id/cancel')
  async cancel(
    @UuidParam('id', 'No assignment with this id is visible to you.') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.assignments.cancel(request.user as AuthUser, id, request.ip ?? null);
    return reply.redirect('/hr/assignments?notice=cancelled', 303);
  }

  private async render(
    lang: Language,
    query: Record<string, unknown>,
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: FormState,
  ) {
    const actor = request.user as AuthUser;
    const page = pageNumber(query.page);
    const [found, options, catalogue] = await Promise.all([
      this.assignments.list(actor, Object.assign(new PageQuery(), { page, limit: PAGE_SIZE })),
      this.assignments.formOptions(actor),
      this.courses.catalogue(Object.assign(new PageQuery(), { page: 1, limit: 100 })),
    ]);
    const values = failed?.values ?? { agencyId: actor.agencyId, dueKind: 'after_appointment', dueDays: '90' };
    const notice =
      typeof query.notice === 'string' && ['created', 'exists', 'cancelled'].includes(query.notice)
        ? translate(lang, `hr.assign.notice.${query.notice}`)
        : undefined;
    const title = translate(lang, 'hr.assign.title');
    return this.pages.render(
      request,
      reply,
      'hr-assignments.hbs',
      title,
      {
        heading: title,
        notice,
        countText: translate(lang, 'hr.assign.count', { count: found.total }),
        items: found.items.map((a) => this.item(lang, a)),
        pager: pagerModel(lang, '/hr/assignments', {}, page, PAGE_SIZE, found.total),
        values,
        errors: failed?.errors ?? {},
        errorList: Object.entries(failed?.errors ?? {}).map(([field, message]) => ({ href: `#as-${field}`, message })),
        courses: catalogue.items.map((c) => ({
          value: c.id,
          label: lang === 'en' && c.titleEn ? c.titleEn : c.title,
          selected: c.id === values.courseId,
        })),
        agencies: options.agencies.map((a) => ({
          value: a.id,
          label: `${'— '.repeat(Math.min(a.depth, 6))}${lang === 'en' ? a.name_en : a.name_mn}`,
          selected: a.id === values.agencyId,
        })),
        positions: options.positions.map((p) => ({
          value: p.id,
          label: lang === 'en' ? p.name_en : p.name_mn,
          selected: p.id === values.positionId,
        })),
        dueKinds: DUE_KINDS.map((k) => ({
          value: k,
          label: translate(lang, `hr.assign.due.${k}`),
          checked: k === values.dueKind,
        })),
        today: ulaanbaatarToday(),
      },
      { status: failed?.status ?? 200 },
    );
  }

  private item(lang: Language, a: AssignmentView) {
    const due =
      a.due.kind === 'date'
        ? translate(lang, 'hr.assign.dueBy', { date: formatDate(lang, `${a.due.date}T12:00:00+08:00`) })
        : translate(
            lang,
            a.due.kind === 'after_appointment' ? 'hr.assign.dueAfterAppointment' : 'hr.assign.dueAfterJoining',
            { days: a.due.days ?? 0 },
          );
    return {
      course: lang === 'en' && a.course.titleEn ? a.course.titleEn : a.course.title,
      target: a.target.userIds
        ? translate(lang, 'hr.assign.listed', { count: a.target.userIds.length })
        : [a.target.agencyName?.[lang] ?? a.target.agencyCode, a.target.positionName?.[lang]]
            .filter(Boolean)
            .join(' · '),
      due,
      renewYearly: a.renewYearly,
      people: a.people,
      completed: a.completed,
      overdue: a.overdue,
      createdText: translate(lang, 'hr.assign.created', {
        date: formatDate(lang, a.createdAt),
        by: a.createdBy?.name ?? '—',
      }),
      cancelled: !!a.cancelledAt,
      cancelledText: a.cancelledAt
        ? translate(lang, 'hr.assign.cancelledOn', { date: formatDate(lang, a.cancelledAt) })
        : undefined,
      cancelAction: a.cancelledAt ? undefined : `/hr/assignments/${a.id}/cancel`,
    };
  }
}
