// Face-to-face sessions on the web. Trainers: a course's sessions with a form to schedule one,
// and a session page with the attendance form (a checkbox and a paper score per person, fine on a
// 320-pixel phone without JavaScript), a CSV upload whose bad rows are listed on the page, editing
// and cancelling. Learners: register, join the waiting list or cancel from the course page.
import { Controller, Get, HttpStatus, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService, AuthUser, Roles } from '@chadavkhi/identity';
import {
  AttendanceResultView,
  CoursesService,
  ListSessionsQuery,
  MAX_ATTENDANCE_CSV_BYTES,
  MAX_CAPACITY,
  SessionDetailView,
  SessionsService,
  SessionView,
} from '@chadavkhi/learning';
import { FieldErrors, FormReader, isUuid } from './form-fields';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { pageRefusal } from './form-refusal';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageLanguage } from './web-request';
import { attendanceRefused, readScore, readSessionForm, sessionRefused } from './session-forms';

const NOTICES = ['scheduled', 'saved', 'cancelled'] as const;

function toLocalInput(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

type AgencyTreeNode = Awaited<ReturnType<AgenciesService['tree']>>[number];

function flatten(nodes: AgencyTreeNode[], out: AgencyTreeNode[] = []): AgencyTreeNode[] {
  for (const n of nodes) {
    out.push(n);
    flatten(n.children, out);
  }
  return out;
}

interface SessionForm {
  status: number;
  values: Record<string, string>;
  errors: FieldErrors;
}

@ApiExcludeController()
@Controller()
export class SessionsPagesController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly courses: CoursesService,
    private readonly agencies: AgenciesService,
    private readonly pages: PageRenderer,
  ) {}

  // ---- learners: from the course page ----

  @Post('sessions/:id/register')
  @Roles('learner')
  async register(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const session = await this.sessions.get(request.user!, id);
    try {
      const { registration } = await this.sessions.register(request.user!, id, undefined, request.ip ?? null);
      return reply.redirect(`/courses/${session.course.id}?session=${registration.status}#sessions`, 303);
    } catch (error) {
      if (!pageRefusal(error, HttpStatus.FORBIDDEN)) throw error;
      return reply.redirect(`/courses/${session.course.id}?session=closed#sessions`, 303);
    }
  }

  @Post('sessions/:id/unregister')
  async unregister(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const session = await this.sessions.get(request.user!, id);
    try {
      await this.sessions.unregister(request.user!, id, undefined, request.ip ?? null);
      return reply.redirect(`/courses/${session.course.id}?session=cancelled#sessions`, 303);
    } catch (error) {
      if (!pageRefusal(error, HttpStatus.FORBIDDEN)) throw error;
      return reply.redirect(`/courses/${session.course.id}?session=closed#sessions`, 303);
    }
  }

  // ---- trainers: a course's sessions, scheduling ----

  @Get('author/courses/:id/sessions')
  @Roles('trainer', 'admin')
  async courseSessions(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderCourseSessions(request, reply, id);
  }

  @Post('author/courses/:id/sessions')
  @Roles('trainer', 'admin')
  async schedule(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, fields } = readSessionForm(body, lang);
    if (!form.ok)
      return this.renderCourseSessions(request, reply, id, {
        status: 422,
        values: form.values,
        errors: form.errors,
      });
    try {
      const session = await this.sessions.schedule(request.user!, { courseId: id, ...fields }, request.ip ?? null);
      return reply.redirect(`/author/sessions/${session.id}?notice=scheduled`, 303);
    } catch (error) {
      const status = sessionRefused(form, error);
      if (status === undefined) throw error;
      return this.renderCourseSessions(request, reply, id, { status, values: form.values, errors: form.errors });
    }
  }

  // ---- trainers: one session ----

  @Get('author/sessions/:id')
  @Roles('trainer', 'admin')
  async session(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderSession(request, reply, id, {});
  }

  @Post('author/sessions/:id')
  @Roles('trainer', 'admin')
  async edit(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, fields } = readSessionForm(body, lang);
    if (!form.ok)
      return this.renderSession(request, reply, id, {
        edit: { status: 422, values: form.values, errors: form.errors },
      });
    try {
      await this.sessions.update(request.user!, id, fields, request.ip ?? null);
      return reply.redirect(`/author/sessions/${id}?notice=saved`, 303);
    } catch (error) {
      const status = sessionRefused(form, error);
      if (status === undefined) throw error;
      return this.renderSession(request, reply, id, { edit: { status, values: form.values, errors: form.errors } });
    }
  }

  @Post('author/sessions/:id/cancel')
  @Roles('trainer', 'admin')
  async cancel(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.sessions.cancel(request.user!, id, request.ip ?? null);
    return reply.redirect(`/author/sessions/${id}?notice=cancelled`, 303);
  }

  /** The attendance form: every seated person listed in `people`; ticked ones attended; scores optional. */
  @Post('author/sessions/:id/attendance')
  @Roles('trainer', 'admin')
  async attendance(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const list = (name: string) =>
      ([] as unknown[]).concat(body[name] ?? []).filter((v): v is string => typeof v === 'string');
    const present = new Set(list('present'));
    const people = [...new Set(list('people'))].filter(isUuid);
    const form = new FormReader(body, lang);
    for (const userId of people) form.values[`present-${userId}`] = present.has(userId) ? 'on' : '';
    const records = people.map((userId) => ({
      userId,
      attended: present.has(userId),
      score: readScore(form, `score-${userId}`),
    }));
    if (!records.length) return reply.redirect(`/author/sessions/${id}`, 303);
    try {
      const result = await this.sessions.recordAttendance(request.user!, id, records, 'form', request.ip ?? null);
      return this.renderSession(request, reply, id, { result });
    } catch (error) {
      const refused = attendanceRefused(form, people, error, lang);
      if (!refused) throw error;
      const { records: _whole, ...beside } = form.errors;
      return this.renderSession(request, reply, id, {
        attendance: { status: refused.status, values: form.values, errors: beside },
        refused: refused.message ? { status: refused.status, message: refused.message } : undefined,
      });
    }
  }

  /** The CSV upload (multipart/form-data, one file): valid rows applied, every other row listed with its line. */
  @Post('author/sessions/:id/attendance.csv')
  @Roles('trainer', 'admin')
  async attendanceCsv(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const file = body.file;
    const text = Buffer.isBuffer(file) ? file.toString('utf8') : typeof file === 'string' ? file : '';
    if (!text.trim())
      return this.renderSession(request, reply, id, {
        refused: { status: 422, message: translate(lang, 'sessions.csv.empty') },
      });
    try {
      const result = await this.sessions.recordAttendanceCsv(request.user!, id, text, request.ip ?? null);
      return this.renderSession(request, reply, id, { result });
    } catch (error) {
      const refused = attendanceRefused(new FormReader({}, lang), [], error, lang);
      if (!refused) throw error;
      return this.renderSession(request, reply, id, { refused: { status: refused.status, message: refused.message! } });
    }
  }

  private async agencyOptions(lang: Language, selected: string | undefined) {
    const all = flatten(await this.agencies.tree());
    return all.map((a) => ({
      value: a.id,
      label: `${'— '.repeat(Math.min(a.depth, 6))}${a.name[lang]}`,
      selected: a.id === selected,
    }));
  }

  private sessionItem(lang: Language, s: SessionView) {
    return {
      id: s.id,
      href: `/author/sessions/${s.id}`,
      when: translate(lang, 'sessions.when', {
        start: formatDate(lang, s.startsAt, true),
        end: formatDate(lang, s.endsAt, true),
      }),
      where: `${s.place} · ${s.agency.name[lang]}`,
      seats: translate(lang, 'sessions.seats', {
        registered: s.registered,
        capacity: s.capacity,
        waitlisted: s.waitlisted,
      }),
      stateText: translate(lang, `sessions.state.${s.state}`),
      cancelled: s.state === 'cancelled',
    };
  }

  private async renderCourseSessions(
    request: FastifyRequest,
    reply: FastifyReply,
    courseId: string,
    failed?: SessionForm,
  ) {
    const lang = pageLanguage(request);
    const user = request.user as AuthUser;
    const course = await this.courses.getDraft(user, courseId);
    const query = Object.assign(new ListSessionsQuery(), {
      courseId,
      includePast: true,
      includeCancelled: true,
      page: 1,
      limit: 100,
    });
    const found = await this.sessions.list(user, query);
    const values = failed?.values ?? { capacity: '30' };
    const title = translate(lang, 'sessions.courseTitle', { course: course.draft.title });
    return this.pages.render(
      request,
      reply,
      'author-sessions.hbs',
      title,
      {
        heading: title,
        courseHref: `/author/courses/${courseId}`,
        action: `/author/courses/${courseId}/sessions`,
        published: course.currentVersion > 0,
        sessions: found.items.map((s) => this.sessionItem(lang, s)),
        form: {
          values,
          errors: failed?.errors ?? {},
          errorList: Object.entries(failed?.errors ?? {}).map(([field, message]) => ({
            href: `#ss-${field}`,
            message,
          })),
        },
        agencies: await this.agencyOptions(lang, values.agencyId),
        maxCapacity: MAX_CAPACITY,
      },
      { status: failed?.status ?? 200 },
    );
  }

  private async renderSession(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: {
      edit?: SessionForm;
      attendance?: SessionForm;
      result?: AttendanceResultView;
      refused?: { status: number; message: string };
    },
  ) {
    const lang = pageLanguage(request);
    const user = request.user as AuthUser;
    const session: SessionDetailView = await this.sessions.get(user, id);
    if (!session.canManage) throw new NotFoundException('No session you run has this id.');
    const registrations = session.registrations ?? [];
    const seated = registrations.filter((r) => r.status === 'registered');
    const attendanceValues = state.attendance?.values ?? {};
    const attendanceErrors = state.attendance?.errors ?? {};
    const params = (request.query ?? {}) as Record<string, unknown>;
    const notice = NOTICES.find((n) => n === params.notice);
    const editValues = state.edit?.values ?? {
      place: session.place,
      agencyId: session.agency.id,
      startsAt: toLocalInput(session.startsAt),
      endsAt: toLocalInput(session.endsAt),
      capacity: String(session.capacity),
    };
    const courseTitle = lang === 'en' && session.course.titleEn ? session.course.titleEn : session.course.title;
    const title = translate(lang, 'sessions.sessionTitle', { course: courseTitle });
    const result = state.result;
    return this.pages.render(
      request,
      reply,
      'author-session.hbs',
      title,
      {
        heading: title,
        id,
        editAction: `/author/sessions/${id}`,
        listHref: `/author/courses/${session.course.id}/sessions`,
        notice: notice ? translate(lang, `sessions.notice.${notice}`) : undefined,
        refused: state.refused?.message,
        session: this.sessionItem(lang, session),
        trainer: session.trainer.name,
        open: session.state !== 'cancelled',
        canRecord: session.state === 'in_progress' || session.state === 'ended',
        quizText: session.hasFinalQuiz
          ? translate(lang, 'sessions.finalQuizHint', { percent: session.passMarkPercent ?? 0 })
          : translate(lang, 'sessions.noFinalQuizHint'),
        people: seated.map((r) => ({
          userId: r.userId,
          name: r.name,
          email: r.email,
          staffNumber: r.staffNumber,
          attended:
            attendanceValues[`present-${r.userId}`] !== undefined
              ? attendanceValues[`present-${r.userId}`] === 'on'
              : !!r.attended,
          score: attendanceValues[`score-${r.userId}`] ?? (r.score === null ? '' : String(r.score)),
          scoreError: attendanceErrors[`score-${r.userId}`],
          completed: r.enrollmentStatus === 'completed',
          completedText:
            r.enrollmentStatus === 'completed'
              ? translate(
                  lang,
                  r.completionMode === 'face_to_face' ? 'sessions.completedHere' : 'sessions.completedOnline',
                )
              : undefined,
        })),
        waiting: registrations
          .filter((r) => r.status === 'waitlisted')
          .map((r) => ({ name: r.name, position: r.waitlistPosition })),
        attendanceErrorList: Object.entries(attendanceErrors).map(([field, message]) => ({
          href: `#${field}`,
          message,
        })),
        result: result
          ? {
              summary: translate(lang, 'sessions.result.summary', {
                applied: result.applied,
                completed: result.completed,
              }),
              outcomes: result.results.map((r) => ({
                name: r.name,
                text: translate(lang, `sessions.outcome.${r.outcome}`),
              })),
              problems: result.problems.map((p) => ({
                where:
                  p.line !== undefined
                    ? translate(lang, 'sessions.result.line', { line: p.line })
                    : translate(lang, 'sessions.result.row', { row: (p.index ?? 0) + 1 }),
                who: p.who,
                text: translate(lang, `sessions.problem.${p.reason}`),
              })),
            }
          : undefined,
        maxCsvKiB: MAX_ATTENDANCE_CSV_BYTES / 1024,
        edit: {
          values: editValues,
          errors: state.edit?.errors ?? {},
          errorList: Object.entries(state.edit?.errors ?? {}).map(([field, message]) => ({
            href: `#ss-${field}`,
            message,
          })),
        },
        agencies: await this.agencyOptions(lang, editValues.agencyId),
        maxCapacity: MAX_CAPACITY,
      },
      { status: state.edit?.status ?? state.attendance?.status ?? state.refused?.status ?? 200 },
    );
  }
}
