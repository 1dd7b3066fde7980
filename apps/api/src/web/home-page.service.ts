// Gathers what each role sees on the home page.
import { FollowUpsService } from '@chadavkhi/evaluation';
import { Injectable } from '@nestjs/common';
import { AssignmentsService, TeamService } from '@chadavkhi/accountability';
import { AgenciesService, AuthUser, hasRole, UsersService } from '@chadavkhi/identity';
import { CertificatesService } from '@chadavkhi/certification';
import { CoursesService, EnrollmentsService, SessionsService } from '@chadavkhi/learning';
import { NotificationsService } from '@chadavkhi/notifications';
import { NeedsSurveysService } from '@chadavkhi/planning';
import { AuditLogService, PageQuery } from '@chadavkhi/platform';
import { HandoverReportService } from '../handovers/handover-report.service';
import { Language, translate } from './i18n';
import { courseText, formatDate, progressModel } from './learning-display';

const STAFF_SHOWN = 20;
const ENROLLMENTS_SHOWN = 10;
const AUTHORED_SHOWN = 5;
const NOTIFICATIONS_SHOWN = 5;
const AUDIT_SHOWN = 8;
const HANDOVERS_SHOWN = 5;
/** Loaded by `import-content --demo`: the sign-in page then lists the demo accounts. */
const DEMO_ADMIN_EMAIL = 'admin@demo.chadavkhi.mn';
/** Certificates expiring within this many days are shown as needing renewal (the first reminder goes out at 60). */
const EXPIRY_WARNING_DAYS = 60;

@Injectable()
export class HomePageService {
  constructor(
    private readonly users: UsersService,
    private readonly agencies: AgenciesService,
    private readonly auditLog: AuditLogService,
    private readonly enrollments: EnrollmentsService,
    private readonly courses: CoursesService,
    private readonly certificates: CertificatesService,
    private readonly notifications: NotificationsService,
    private readonly assignments: AssignmentsService,
    private readonly handovers: HandoverReportService,
    private readonly team: TeamService,
    private readonly sessions: SessionsService,
    private readonly followUps: FollowUpsService,
    private readonly needs: NeedsSurveysService,
  ) {}

  async model(user: AuthUser, lang: Language) {
    const me = user.profile;
    const name = (n: { mn: string; en: string }) => n[lang];
    const sections = {
      learner: hasRole(user, 'learner'),
      trainer: hasRole(user, 'trainer'),
      hr: hasRole(user, 'hr_officer'),
      admin: hasRole(user, 'admin'),
    };
    const model: Record<string, unknown> = {
      greeting: translate(lang, 'home.greeting', { name: me.name }),
      agencyName: name(me.agency.name),
      positionName: name(me.position.name),
      roleNames: me.roles.map((r) => translate(lang, `role.${r}`)),
      sections,
    };
    model.notifications = await this.latestNotifications(user, lang);
    model.handovers = await this.receivedHandovers(user, lang);
    // Anyone can be a supervisor (the HR records say who reports to whom), whatever their roles.
    if (await this.team.hasReports(user)) {
      const pending = (await this.sessions.pendingRequests(user)).length;
      model.team = {
        pendingText: pending ? translate(lang, 'home.team.pending', { count: pending }) : undefined,
      };
    }
    // Follow-ups asked of anyone (about their own training, or a staff member's) while they are open.
    const open = (await this.followUps.mine(user)).items.filter((f) => f.state === 'open').length;
    if (open) model.followUps = { text: translate(lang, 'home.followUps.waiting', { count: open }) };
    // A needs survey open for the person (or their direct reports): one card linking to /needs.
    if ((await this.needs.mine(user)).items.length) model.needs = true;
    if (sections.learner) {
      model.mandatory = await this.mandatory(user, lang);
      model.learning = await this.learning(user, lang);
      model.certificates = await this.myCertificates(user, lang);
    }
    if (sections.trainer) {
      const mine = await this.courses.mine(user, Object.assign(new PageQuery(), { page: 1, limit: AUTHORED_SHOWN }));
      model.authored = {
        courses: mine.items.map((c) => ({
          title: c.draft.title,
          href: `/author/courses/${c.id}`,
          unpublished: c.hasUnpublishedChanges && c.currentVersion > 0,
        })),
        more: mine.total > AUTHORED_SHOWN ? translate(lang, 'home.trainer.more', { count: mine.total }) : undefined,
      };
    }
    if (sections.hr) {
      const query = Object.assign(new PageQuery(), { page: 1, limit: STAFF_SHOWN });
      const staff = await this.users.list({ ...user, roles: ['hr_officer'] }, query);
      model.staff = staff.items.map((s) => ({
        name: s.name,
        agency: name(s.agency.name),
        position: name(s.position.name),
      }));
      model.staffCountText = translate(lang, 'home.hr.count', { count: staff.total });
      if (staff.total > STAFF_SHOWN) model.staffMoreText = translate(lang, 'home.hr.more', { shown: STAFF_SHOWN });
    }
    if (sections.admin) {
      const [agencies, users, audit] = await Promise.all([
        this.agencies.count(),
        this.users.count(),
        this.auditLog.latest(AUDIT_SHOWN),
      ]);
      const fmt = new Intl.DateTimeFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Asia/Ulaanbaatar',
      });
      model.admin = {
        agencies,
        users,
        audit: audit.map((a) => ({
          iso: a.createdAt.toISOString(),
          when: fmt.format(a.createdAt),
          who: a.actorEmail ?? '—',
          action: a.action,
        })),
      };
    }
    return model;
  }

  /** What was handed over to the person when a colleague left or moved, newest first (with items in it). */
  private async receivedHandovers(user: AuthUser, lang: Language) {
    const received = (await this.handovers.mine(user, { receivedOnly: true, limit: HANDOVERS_SHOWN })).filter(
      (h) => h.items > 0,
    );
    if (!received.length) return undefined;
    return received.map((h) => ({
      text: translate(lang, 'handover.home.received', { count: h.items, name: h.from.name }),
      href: `/handovers/${h.id}`,
      when: formatDate(lang, `${h.effectiveOn}T12:00:00+08:00`),
    }));
  }

  /** Unread notifications, newest first, for the top of the home page. */
  private async latestNotifications(user: AuthUser, lang: Language) {
    const page = await this.notifications.mine(
      user,
      Object.assign(new PageQuery(), { page: 1, limit: NOTIFICATIONS_SHOWN, unread: true }) as never,
    );
    if (!page.unread) return undefined;
    return {
      countText: translate(lang, 'notifications.unread', { count: page.unread }),
      items: page.items.map((n) => ({ title: n.title, when: formatDate(lang, n.createdAt, true), iso: n.createdAt })),
    };
  }

  /** The learner's certificates: what is valid, what expires soon (and how to renew), with the PDF and the check link. */
  private async myCertificates(user: AuthUser, lang: Language) {
    const mine = await this.certificates.mine(user);
    const soon = Date.now() + EXPIRY_WARNING_DAYS * 86_400_000;
    return mine.map((c) => {
      const expiring = c.status === 'valid' && !!c.expiresAt && Date.parse(c.expiresAt) < soon;
      return {
        ...courseText(lang, { title: c.courseTitle, titleEn: c.courseTitleEn, language: 'mn' }),
        code: c.code,
        status: c.status,
        statusText: translate(lang, `certificate.status.${c.status}`),
        issuedText: translate(lang, 'certificate.issued', { date: formatDate(lang, c.issuedAt) }),
        expiresText: c.expiresAt
          ? translate(lang, 'certificate.expires', { date: formatDate(lang, c.expiresAt) })
          : translate(lang, 'course.noExpiry'),
        expiring,
        renewHref: expiring || c.status === 'expired' ? `/courses/${c.courseId}` : undefined,
        pdfHref: c.status === 'pending' ? undefined : `/api/v1/certificates/${c.id}/pdf`,
        credentialHref: c.status === 'pending' ? undefined : `/api/v1/certificates/${c.id}/credential`,
        credentialJwtHref: c.status === 'pending' ? undefined : `/api/v1/certificates/${c.id}/credential?format=jwt`,
        verifyHref: `/verify/${c.code}`,
      };
    });
  }

  /** Training the person's HR unit assigned: overdue and due first, with days left and where to carry on. */
  private async mandatory(user: AuthUser, lang: Language) {
    const mine = await this.assignments.mine(user);
    const open = mine.items.filter((a) => a.status !== 'completed');
    if (!open.length) return undefined;
    return {
      summary: translate(lang, mine.overdue ? 'home.mandatory.overdueSummary' : 'home.mandatory.summary', {
        due: mine.due,
        overdue: mine.overdue,
      }),
      overdue: mine.overdue > 0,
      items: open.map((a) => ({
        ...courseText(lang, { title: a.course.title, titleEn: a.course.titleEn, language: 'mn' }),
        href: `/learn/${a.enrollmentId}`,
        overdue: a.status === 'overdue',
        dueText: translate(lang, 'home.mandatory.due', { date: formatDate(lang, `${a.dueOn}T12:00:00+08:00`) }),
        leftText:
          a.status === 'overdue'
            ? translate(lang, 'home.mandatory.daysOverdue', { days: -a.daysLeft })
            : a.daysLeft === 0
              ? translate(lang, 'home.mandatory.today')
              : translate(lang, 'home.mandatory.daysLeft', { days: a.daysLeft }),
        percentText: translate(lang, 'home.mandatory.percent', { percent: Math.round(a.progressPercent) }),
      })),
    };
  }

  /** The learner's enrolments, unfinished first, each with progress and where to carry on. */
  private async learning(user: AuthUser, lang: Language) {
    const mine = await this.enrollments.mine(
      user,
      Object.assign(new PageQuery(), { page: 1, limit: ENROLLMENTS_SHOWN }),
    );
    return {
      items: mine.items.map((e) => {
        const completed = e.status === 'completed';
        return {
          ...courseText(lang, { title: e.courseTitle, titleEn: e.courseTitleEn, language: e.language }),
          href: `/learn/${e.id}`,
          completed,
          statusText:
            completed && e.completedAt
              ? translate(lang, 'learn.completedOn', { date: formatDate(lang, e.completedAt) })
              : translate(lang, `status.${e.status}`),
          progress: progressModel(lang, e.completedLessons, e.totalLessons, e.progressPercent),
          resumeHref: !completed && e.resumeLessonId ? `/learn/${e.id}/lessons/${e.resumeLessonId}` : `/learn/${e.id}`,
          resumeText: translate(
            lang,
            completed ? 'home.learning.review' : e.completedLessons ? 'learn.continue' : 'learn.start',
          ),
          // due_at is the end of the due day (next midnight in Ulaanbaatar): show the day itself.
          dueText:
            !completed && e.dueAt
              ? translate(lang, 'home.learning.due', { date: formatDate(lang, new Date(Date.parse(e.dueAt) - 1)) })
              : undefined,
        };
      }),
      moreText:
        mine.total > ENROLLMENTS_SHOWN
          ? translate(lang, 'home.learning.more', { shown: ENROLLMENTS_SHOWN, count: mine.total })
          : undefined,
    };
  }

  /**
   * Whether the demo accounts are in the database, for the sign-in page's "Demo accounts" panel.
   * Every sign-in page asks, so a yes is kept a minute: they come with `import-content --demo`, and
   * the panel says nothing about anyone's rights. A no is asked again each time (an import may come
   * at any moment, and a production's sign-in page asks once a page as before).
   */
  demoAccountsLoaded(): Promise<boolean> {
    const now = Date.now();
    if (this.demoAnswer && now < this.demoAnswer.until) return this.demoAnswer.answer;
    const answer = this.users.isRegistered(DEMO_ADMIN_EMAIL);
    answer.then(
      (loaded) => {
        if (loaded) this.demoAnswer = { answer, until: now + 60_000 };
      },
      () => undefined,
    );
    return answer;
  }

  private demoAnswer?: { answer: Promise<boolean>; until: number };
}
