// My team (/team): a supervisor's direct reports with their mandatory training, competency gaps and
// certificates, the requests to attend classroom sessions that wait for their decision (approve, or
// decline with a reason), and a person's page (/team/:id) with a form to nominate them to a session.
// Plain forms, fine on a 320-pixel phone without JavaScript; the services decide who may do what.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TeamMemberView, TeamService } from '@chadavkhi/accountability';
import { AuthUser } from '@chadavkhi/identity';
import { Decision, ListSessionsQuery, SessionsService } from '@chadavkhi/learning';
import { Language, translate } from './i18n';
import { courseText, formatDate } from './learning-display';
import { FormReader, isUuid } from './form-fields';
import { FormRefusal, pageRefusal } from './form-refusal';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const NOT_A_REPORT = 'None of your direct reports has this id.';
const TEAM_NOTICES = ['approved', 'waitlisted', 'declined'] as const;
const MEMBER_NOTICES = ['registered', 'waitlisted'] as const;
/** Upcoming sessions offered in the nomination form. */
const SESSIONS_OFFERED = 50;

/** A refusal worded for the page, and the status it is shown with. */
interface Refused {
  status: number;
  text: string;
}

@ApiExcludeController()
@Controller('team')
export class TeamPagesController {
  constructor(
    private readonly team: TeamService,
    private readonly sessions: SessionsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderTeam(
      request,
      reply,
      lang,
      TEAM_NOTICES.find((n) => n === params.notice),
    );
  }

  @Post('requests/:sessionId/:userId')
  async decide(
    @UuidParam('sessionId') sessionId: string,
    @UuidParam('userId', NOT_A_REPORT) userId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const decision = form.raw('decision') as Decision;
    const reason = form.text('reason') || undefined;
    try {
      const done = await this.sessions.decide(
        request.user!,
        sessionId,
        userId,
        { decision, reason },
        request.ip ?? null,
      );
      const notice = decision === 'decline' ? 'declined' : done.status === 'waitlisted' ? 'waitlisted' : 'approved';
      return reply.redirect(`/team?notice=${notice}#requests`, 303);
    } catch (error) {
      // A reason too long (or a forged decision) is worded like any form field's refusal.
      if (form.refusedBy(error, 'reason'))
        return this.renderTeam(request, reply, lang, undefined, {
          status: HttpStatus.UNPROCESSABLE_ENTITY,
          text: Object.values(form.errors)[0],
        });
      const refused = pageRefusal(error);
      if (!refused) throw error;
      return this.renderTeam(request, reply, lang, undefined, {
        status: refused.status,
        text: refusalText(lang, refused),
      });
    }
  }

  @Get(':userId')
  async member(
    @UuidParam('userId', NOT_A_REPORT) userId: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderMember(
      request,
      reply,
      lang,
      userId,
      MEMBER_NOTICES.find((n) => n === params.notice),
    );
  }

  @Post(':userId/nominate')
  async nominate(
    @UuidParam('userId', NOT_A_REPORT) userId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const sessionId = body.sessionId;
    if (!isUuid(sessionId))
      return this.renderMember(request, reply, lang, userId, undefined, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        text: translate(lang, 'form.choice'),
      });
    try {
      const done = await this.sessions.nominate(request.user!, sessionId, { userId }, request.ip ?? null);
      return reply.redirect(`/team/${userId}?notice=${done.status}#nominate`, 303);
    } catch (error) {
      const refused = pageRefusal(error);
      if (!refused) throw error;
      return this.renderMember(request, reply, lang, userId, undefined, {
        status: refused.status,
        text: refusalText(lang, refused),
      });
    }
  }

  private async renderTeam(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    notice: string | undefined,
    refused?: Refused,
  ) {
    const user = request.user as AuthUser;
    const [team, pending] = await Promise.all([this.team.mine(user), this.sessions.pendingRequests(user)]);
    const title = translate(lang, 'team.title');
    return this.pages.render(
      request,
      reply,
      'team.hbs',
      title,
      {
        heading: title,
        notice: notice ? translate(lang, `team.notice.${notice}`) : undefined,
        refused: refused?.text,
        summary: team.members.length
          ? translate(lang, 'team.summary', { count: team.members.length, overdue: team.overdue })
          : undefined,
        requests: pending.map((r) => {
          const course = courseText(lang, { title: r.course.title, titleEn: r.course.titleEn, language: 'mn' });
          return {
            name: r.name,
            course: course.title,
            courseLang: course.textLang,
            when: translate(lang, 'sessions.when', {
              start: formatDate(lang, r.startsAt, true),
              end: formatDate(lang, r.endsAt, true),
            }),
            place: r.place,
            seats:
              r.seatsLeft > 0
                ? translate(lang, 'team.requests.seatsLeft', { count: r.seatsLeft })
                : translate(lang, 'team.requests.full'),
            requested: translate(lang, 'team.requests.requestedOn', { date: formatDate(lang, r.requestedAt, true) }),
            action: `/team/requests/${r.sessionId}/${r.userId}`,
            reasonId: `reason-${r.sessionId}-${r.userId}`,
          };
        }),
        members: team.members.map((m) => memberModel(lang, m)),
      },
      { status: refused?.status ?? 200 },
    );
  }

  private async renderMember(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    userId: string,
    notice: string | undefined,
    refused?: Refused,
  ) {
    const user = request.user as AuthUser;
    const member = await this.team.member(user, userId);
    const upcoming = await this.sessions.list(
      user,
      Object.assign(new ListSessionsQuery(), { page: 1, limit: SESSIONS_OFFERED }),
    );
    return this.pages.render(
      request,
      reply,
      'team-member.hbs',
      member.name,
      {
        heading: member.name,
        notice: notice ? translate(lang, `team.nominate.notice.${notice}`) : undefined,
        refused: refused?.text,
        member: memberModel(lang, member),
        nominateAction: `/team/${member.id}/nominate`,
        sessions: upcoming.items
          .filter((s) => s.state === 'upcoming' || s.state === 'in_progress')
          .map((s) => ({
            id: s.id,
            label: translate(lang, 'team.nominate.option', {
              course: courseText(lang, { title: s.course.title, titleEn: s.course.titleEn, language: 'mn' }).title,
              start: formatDate(lang, s.startsAt, true),
              place: s.place,
              seats: s.seatsLeft,
            }),
          })),
      },
      { status: refused?.status ?? 200 },
    );
  }
}

function refusalText(lang: Language, refused: FormRefusal): string {
  const known = ['no-pending-request', 'not-a-direct-report', 'session-ended', 'session-cancelled'];
  return refused.slug && known.includes(refused.slug)
    ? translate(lang, `team.refused.${refused.slug}`)
    : translate(lang, 'team.refused.other', { message: refused.message });
}

function memberModel(lang: Language, m: TeamMemberView) {
  return {
    id: m.id,
    href: `/team/${m.id}`,
    name: m.name,
    registrationNumber: m.registrationNumber,
    position: m.position.name[lang],
    agency: m.agency.name[lang],
    overdue: m.overdue > 0,
    trainingText: m.assigned
      ? translate(lang, 'team.member.training', {
          assigned: m.assigned,
          completed: m.completed,
          overdue: m.overdue,
        })
      : translate(lang, 'team.member.noTraining'),
    nextDueText: m.nextDue
      ? translate(lang, 'team.member.nextDue', { date: formatDate(lang, `${m.nextDue}T12:00:00+08:00`) })
      : undefined,
    training: m.training.map((t) => {
      const course = courseText(lang, { title: t.course.title, titleEn: t.course.titleEn, language: 'mn' });
      return {
        course: course.title,
        courseLang: course.textLang,
        due: translate(lang, 'team.member.due', { date: formatDate(lang, `${t.dueOn}T12:00:00+08:00`) }),
        status: t.status,
        statusText: translate(lang, `team.status.${t.status}`),
      };
    }),
    gapsText: m.required
      ? translate(lang, 'team.member.gaps', { gaps: m.gaps.length, required: m.required })
      : translate(lang, 'team.member.noRequirements'),
    gaps: m.gaps.map((g) => ({
      code: g.code,
      name: g.name[lang],
      levels: translate(lang, 'team.member.gapLevels', { required: g.requiredLevel, held: g.heldLevel ?? 0 }),
    })),
    certificates: m.certificates.map((c) => ({
      course: lang === 'en' && c.courseTitleEn ? c.courseTitleEn : c.courseTitle,
      code: c.code,
      verifyHref: `/verify/${c.code}`,
      expires: c.expiresAt
        ? translate(lang, 'certificate.expires', { date: formatDate(lang, c.expiresAt) })
        : translate(lang, 'course.noExpiry'),
    })),
  };
}
