// The HR dashboard: an agency's figures over its subtree with charts (completion over time, overdue
// by sub-agency, competency gaps), its sub-agencies to drill into, and the staff list with filters
// and CSV/XLSX export. HR officers within their subtree and administrators; the services check
// the agency on the data, so another subtree's page is a 403 like its API.
import { Controller, Get, Req, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AgencyAccessService,
  CompetenciesService,
  MetricsService,
  STAFF_STATUSES,
  StaffService,
  StaffStatus,
  ulaanbaatarToday,
} from '@chadavkhi/accountability';
import { AuthUser, HandoversService, hasRole, ROLES, Roles, UsersService } from '@chadavkhi/identity';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { pageNumber, pagerModel } from './pager';
import { horizontalBarChart, lineChart } from './dashboard-charts';
import { PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const HISTORY_DAYS = 180;
const BARS_SHOWN = 12;
const STAFF_PAGE = 25;

type Figures = Awaited<ReturnType<MetricsService['forAgency']>>['figures'];

@ApiExcludeController()
@Roles('hr_officer', 'admin')
@Controller('hr')
export class HrPagesController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly competencies: CompetenciesService,
    private readonly staff: StaffService,
    private readonly access: AgencyAccessService,
    private readonly pages: PageRenderer,
    private readonly users: UsersService,
    private readonly handovers: HandoversService,
  ) {}

  @Get()
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const home = await this.access.home(request.user as AuthUser);
    return reply.redirect(`/hr/agencies/${home.id}`, 303);
  }

  @Get('agencies/:id')
  async dashboard(
    @UuidParam('id', 'No agency has this id.') agencyId: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    const current = await this.metrics.forAgency(actor, agencyId);
    const [history, gaps, trail, waitingHandovers] = await Promise.all([
      this.metrics.history(actor, agencyId, HISTORY_DAYS),
      this.competencies.agencyGaps(actor, agencyId),
      this.access.assertCovers(actor, agencyId).then((a) => this.access.trail(actor, a)),
      this.handovers.waitingForSuccessor(actor, agencyId, BARS_SHOWN),
    ]);
    const name = current.agency.name[lang];
    const pct = percentFormat(lang);
    const f = current.figures;

    // Completion over time: the daily snapshots, then today's live figures as the last point.
    const today = ulaanbaatarToday();
    const days = [
      ...history.days.filter((d) => d.day < today).map((d) => ({ day: d.day, figures: d })),
      { day: today, figures: f },
    ];
    const completionChart = lineChart({
      id: 'chart-completion',
      title: translate(lang, 'hr.chart.completion'),
      summary: translate(lang, 'hr.chart.completionSummary', {
        days: days.length,
        rate: pct(f.mandatoryCompletion),
        certified: pct(f.certifiedShare),
      }),
      series: [
        {
          name: translate(lang, 'hr.figure.mandatoryDone'),
          points: days.map((d) => ({ day: d.day, value: d.figures.mandatoryCompletion })),
        },
        {
          name: translate(lang, 'hr.figure.certifiedShare'),
          points: days.map((d) => ({ day: d.day, value: d.figures.certifiedShare })),
          dashed: true,
        },
      ],
      yMax: 1,
      formatY: (v) => pct(v),
      formatDay: (d) => formatDate(lang, `${d}T12:00:00+08:00`),
    });

    const bySubAgency = [...current.subAgencies].sort(
      (a, b) => b.figures.overdue - a.figures.overdue || a.name[lang].localeCompare(b.name[lang]),
    );
    const overdueBars = bySubAgency.filter((s) => s.figures.overdue > 0).slice(0, BARS_SHOWN);
    const overdueChart = overdueBars.length
      ? horizontalBarChart({
          id: 'chart-overdue',
          title: translate(lang, 'hr.chart.overdue'),
          summary: translate(lang, 'hr.chart.overdueSummary', {
            agencies: overdueBars.length,
            first: overdueBars[0].name[lang],
            count: overdueBars[0].figures.overdue,
          }),
          tone: 'warn',
          bars: overdueBars.map((s) => ({
            label: s.name[lang],
            value: s.figures.overdue,
            valueText: s.figures.assigned
              ? `${s.figures.overdue} (${pct(s.figures.overdue / s.figures.assigned)})`
              : String(s.figures.overdue),
            href: `/hr/agencies/${s.id}`,
          })),
        })
      : undefined;

    const gapRows = gaps.byCompetency
      .filter((g) => g.required > 0)
      .sort((a, b) => b.gaps - a.gaps || a.code.localeCompare(b.code));
    const gapBars = gapRows.filter((g) => g.gaps > 0).slice(0, BARS_SHOWN);
    const gapsChart = gapBars.length
      ? horizontalBarChart({
          id: 'chart-gaps',
          title: translate(lang, 'hr.chart.gaps'),
          summary: translate(lang, 'hr.chart.gapsSummary', { first: gapBars[0].name[lang], count: gapBars[0].gaps }),
          bars: gapBars.map((g) => ({
            label: `${g.code} · ${g.name[lang]}`,
            value: g.gaps,
            valueText: `${g.gaps} (${pct(g.coverage)})`,
          })),
        })
      : undefined;

    const title = translate(lang, 'hr.title', { agency: name });
    const staffHref = staffHrefOf(agencyId);
    return this.pages.render(request, reply, 'hr-dashboard.hbs', title, {
      heading: name,
      trail: trail
        .slice(0, -1)
        .map((a) => ({ name: lang === 'en' ? a.name_en : a.name_mn, href: `/hr/agencies/${a.id}` })),
      computedText: translate(lang, 'hr.computedAt', { when: formatDate(lang, f.computedAt, true) }),
      cards: this.cards(lang, f, staffHref),
      waitingHandovers: waitingHandovers.map((h) => ({
        text: translate(lang, 'handover.hr.waitingItem', {
          name: h.from.name,
          agency: h.agency.name[lang],
          date: formatDate(lang, `${h.effectiveOn}T12:00:00+08:00`),
        }),
        href: `/handovers/${h.id}`,
      })),
      quality: {
        lead: translate(lang, 'people.quality.lead', { count: f.headcount }),
        rows: (['registrationNumber', 'position', 'supervisor', 'email'] as const).map((key) => ({
          label: translate(lang, `people.quality.${key}`),
          people: f.dataQuality[key].people,
          share: pct(f.dataQuality[key].share),
          meter: f.dataQuality[key].share ?? undefined,
        })),
      },
      completionChart,
      historyNote: days.length < 2 ? translate(lang, 'hr.chart.historyNote') : undefined,
      historyRows: days
        .slice(-14)
        .reverse()
        .map((d) => ({
          day: formatDate(lang, `${d.day}T12:00:00+08:00`),
          mandatory: pct(d.figures.mandatoryCompletion),
          certified: pct(d.figures.certifiedShare),
          overdue: d.figures.overdue,
        })),
      overdueChart,
      gapsChart,
      gapRows: gapRows.map((g) => ({
        code: g.code,
        name: g.name[lang],
        people: g.people,
        required: g.required,
        covered: g.covered,
        gaps: g.gaps,
        coverage: pct(g.coverage),
      })),
      positionGaps: gaps.byPosition
        .filter((g) => g.required > 0)
        .map((g) => ({
          name: g.name[lang],
          href: `${staffHrefOf(agencyId)}?positionId=${g.positionId}`,
          people: g.people,
          required: g.required,
          gaps: g.gaps,
          coverage: pct(g.coverage),
        })),
      subAgencies: bySubAgency.map((s) => ({
        name: s.name[lang],
        href: `/hr/agencies/${s.id}`,
        headcount: s.figures.headcount,
        assigned: s.figures.assigned,
        mandatory: pct(s.figures.mandatoryCompletion),
        overdue: s.figures.overdue,
        certified: pct(s.figures.certifiedShare),
        coverage: pct(s.figures.competencyCoverage),
      })),
      staffHref,
      overdueHref: `${staffHref}?status=overdue`,
      csvHref: `/api/v1/agencies/${agencyId}/staff.csv?lang=${lang}`,
      xlsxHref: `/api/v1/agencies/${agencyId}/staff.xlsx?lang=${lang}`,
    });
  }

  @Get('agencies/:id/staff')
  async staffList(
    @UuidParam('id', 'No agency has this id.') agencyId: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    const query = (request.query ?? {}) as Record<string, unknown>;
    // Unknown filter values are dropped, not an error: these are links and a GET form people edit.
    const status = STAFF_STATUSES.includes(query.status as StaffStatus) ? (query.status as StaffStatus) : null;
    const options = await this.staff.filterOptions(actor, agencyId);
    const positionId = options.positions.some((p) => p.id === query.positionId) ? (query.positionId as string) : null;
    const courseId = options.courses.some((c) => c.id === query.courseId) ? (query.courseId as string) : null;
    const page = pageNumber(query.page);
    const registrationNumber =
      typeof query.registrationNumber === 'string' && query.registrationNumber.trim()
        ? query.registrationNumber.trim()
        : null;
    const filter = { agencyId, status, positionId, courseId, registrationNumber };
    const [agency, listed] = await Promise.all([
      this.access.agency(agencyId),
      this.staff.list(actor, filter, STAFF_PAGE, (page - 1) * STAFF_PAGE).catch((e: unknown) => {
        // The service refuses a value that cannot be a registration number; the form says so.
        if (registrationNumber && e instanceof UnprocessableEntityException) return undefined;
        throw e;
      }),
    ]);
    const found = listed ?? { rows: [], total: 0 };
    const agencyName = lang === 'en' ? agency!.name_en : agency!.name_mn;
    const params = {
      status: status ?? undefined,
      positionId: positionId ?? undefined,
      courseId: courseId ?? undefined,
      registrationNumber: registrationNumber ?? undefined,
    };
    const exportQuery = new URLSearchParams({
      ...Object.fromEntries(Object.entries(params).filter(([, v]) => v)),
      lang,
    } as Record<string, string>).toString();
    const title = translate(lang, 'hr.staff.title', { agency: agencyName });
    return this.pages.render(request, reply, 'hr-staff.hbs', title, {
      heading: title,
      dashboardHref: `/hr/agencies/${agencyId}`,
      agencyName,
      action: `/hr/agencies/${agencyId}/staff`,
      statuses: STAFF_STATUSES.map((s) => ({
        value: s,
        label: translate(lang, `hr.status.${s}`),
        selected: s === status,
      })),
      positions: options.positions.map((p) => ({
        value: p.id,
        label: lang === 'en' ? p.name_en : p.name_mn,
        selected: p.id === positionId,
      })),
      courses: options.courses.map((c) => ({
        value: c.id,
        label: lang === 'en' && c.title_en ? c.title_en : c.title,
        selected: c.id === courseId,
      })),
      registrationNumber: registrationNumber ?? '',
      registrationNumberError: listed ? undefined : translate(lang, 'people.search.bad'),
      filtered: !!(status || positionId || courseId || registrationNumber),
      countText: translate(lang, 'hr.staff.count', { count: found.total }),
      rows: found.rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        staffNumber: r.staff_number,
        registrationNumber: r.registration_number,
        agency: lang === 'en' ? r.agency_en : r.agency_mn,
        position: lang === 'en' ? r.position_en : r.position_mn,
        status: r.status,
        statusText: translate(lang, `hr.status.${r.status}`),
        assigned: r.assigned,
        completed: r.completed,
        overdue: r.overdue,
        nextDue: r.next_due ? formatDate(lang, `${r.next_due}T12:00:00+08:00`) : '—',
      })),
      pager: pagerModel(lang, `/hr/agencies/${agencyId}/staff`, params, page, STAFF_PAGE, found.total),
      csvHref: `/api/v1/agencies/${agencyId}/staff.csv?${exportQuery}`,
      xlsxHref: `/api/v1/agencies/${agencyId}/staff.xlsx?${exportQuery}`,
    });
  }

  @Get('people/:id')
  async person(
    @UuidParam('id', 'No user with this id is visible to you.') id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    const person = await this.access.assertPersonVisible(actor, id);
    const profile = await this.competencies.profile(actor, id);
    const [agency, account, placements] = await Promise.all([
      this.access.agency(person.agency_id),
      this.users.get(actor, id),
      this.users.placements(actor, id),
    ]);
    const day = (iso: string | null) => (iso ? formatDate(lang, `${iso}T12:00:00+08:00`) : undefined);
    const none = translate(lang, 'people.none');
    const item = (key: string, value: string | null | undefined, href?: string) => ({
      label: translate(lang, `people.${key}`),
      value: value || none,
      href: value ? href : undefined,
    });
    const title = person.name;
    const done = (request.query as Record<string, unknown> | undefined)?.done;
    return this.pages.render(request, reply, 'hr-person.hbs', title, {
      heading: person.name,
      agencyName: agency ? (lang === 'en' ? agency.name_en : agency.name_mn) : '',
      agencyHref: `/hr/agencies/${person.agency_id}/staff`,
      positionName: profile.position.name[lang],
      record: [
        item('registrationNumber', account.registrationNumber),
        item('familyName', account.familyName),
        item('givenName', account.givenName),
        item('nameLatin', account.nameLatin),
        item('staffNumber', account.staffNumber),
        item('email', account.email),
        item('phone', account.phone),
        item(
          'supervisor',
          account.supervisor?.name,
          account.supervisor ? `/hr/people/${account.supervisor.id}` : undefined,
        ),
        item('joinedService', day(account.joinedServiceOn)),
        item('agencySince', day(account.agencySince)),
        item('positionSince', day(account.positionSince)),
        ...(account.leftOn ? [item('leftOn', day(account.leftOn))] : []),
      ],
      history: placements
        .slice()
        .reverse()
        .map((p) => ({
          from: day(p.validFrom),
          to: day(p.validTo) ?? translate(lang, 'people.history.now'),
          agency: p.agency.name[lang],
          position: p.position.name[lang],
        })),
      account: this.accountModel(lang, actor, account, typeof done === 'string' ? done : undefined),
      summary: translate(lang, profile.gaps ? 'hr.person.gaps' : 'hr.person.noGaps', {
        gaps: profile.gaps,
        required: profile.required,
      }),
      rows: profile.competencies.map((c) => ({
        code: c.code,
        name: c.name[lang],
        required: c.requiredLevel ?? '—',
        held: c.heldLevel ?? '—',
        gap: c.gap,
        sources: c.sources
          .map((src) => `${lang === 'en' && src.courseTitleEn ? src.courseTitleEn : src.courseTitle} (${src.level})`)
          .join(', '),
      })),
    });
  }

  /** The person's account state and what the viewer may do to it (the service checks again on the post). */
  private accountModel(
    lang: Language,
    actor: AuthUser,
    person: Awaited<ReturnType<UsersService['get']>>,
    done: string | undefined,
  ) {
    const manageable =
      person.id !== actor.id && (hasRole(actor, 'admin') || person.roles.every((r) => r === 'learner'));
    return {
      statusText: translate(lang, person.isActive ? 'account.active' : 'account.inactive'),
      active: person.isActive,
      rolesText: person.roles.map((r) => translate(lang, `account.role.${r}`)).join(', '),
      manageable,
      action: `/hr/people/${person.id}`,
      roleChoices:
        hasRole(actor, 'admin') && manageable
          ? ROLES.map((r) => ({
              value: r,
              label: translate(lang, `account.role.${r}`),
              checked: person.roles.includes(r),
            }))
          : undefined,
      notice:
        done && ['deactivated', 'reactivated', 'roles'].includes(done)
          ? translate(lang, `account.done.${done}`)
          : undefined,
    };
  }

  private cards(lang: Language, f: Figures, staffHref: string) {
    const pct = percentFormat(lang);
    const num = new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', { maximumFractionDigits: 1 });
    const card = (key: string, value: string, detail: string, extra: Record<string, unknown> = {}) => ({
      label: translate(lang, `hr.figure.${key}`),
      value,
      detail,
      ...extra,
    });
    const share = f.mandatoryCompletion;
    return [
      card(
        'headcount',
        num.format(f.headcount),
        translate(lang, 'hr.figure.headcountDetail', { enrolled: num.format(f.enrolled) }),
        { href: staffHref },
      ),
      card(
        'mandatoryDone',
        pct(share),
        translate(lang, 'hr.figure.mandatoryDetail', {
          done: num.format(f.assignedCompleted),
          assigned: num.format(f.assigned),
        }),
        { meter: share },
      ),
      card('overdue', num.format(f.overdue), translate(lang, 'hr.figure.overdueDetail'), {
        warn: f.overdue > 0,
        href: `${staffHref}?status=overdue`,
      }),
      {
        label: translate(lang, 'handover.figure.orphaned'),
        value: num.format(f.orphanedItems ?? 0),
        detail: translate(lang, 'handover.figure.orphanedDetail'),
        warn: (f.orphanedItems ?? 0) > 0,
        href: (f.orphanedItems ?? 0) > 0 ? '#handovers-waiting' : undefined,
        id: 'figure-orphaned',
      },
      card(
        'certifiedShare',
        pct(f.certifiedShare),
        translate(lang, 'hr.figure.certifiedDetail', {
          people: num.format(f.certifiedPeople),
          certificates: num.format(f.validCertificates),
        }),
        { meter: f.certifiedShare },
      ),
      card(
        'coverage',
        pct(f.competencyCoverage),
        translate(lang, 'hr.figure.coverageDetail', {
          covered: num.format(f.coveredCompetencies),
          required: num.format(f.requiredCompetencies),
        }),
        { meter: f.competencyCoverage },
      ),
      card(
        'completionRate',
        pct(f.completionRate),
        translate(lang, 'hr.figure.completionDetail', {
          completed: num.format(f.completed),
          enrolled: num.format(f.enrolled),
        }),
        { meter: f.completionRate },
      ),
      // Beside the completions: how many of them carry no integrity flag (click-through is visible, not rewarded).
      card(
        'evidenceQuality',
        pct(f.evidenceQuality),
        translate(lang, 'hr.figure.evidenceQualityDetail', {
          flagged: num.format(f.completedFlagged),
          completed: num.format(f.completed),
        }),
        {
          meter: f.evidenceQuality,
          warn: f.evidenceQuality !== null && f.evidenceQuality < 0.8,
          id: 'figure-evidence',
        },
      ),
      card(
        'averageScore',
        f.averageFinalScore === null ? '—' : `${num.format(f.averageFinalScore)}%`,
        translate(lang, 'hr.figure.averageScoreDetail'),
      ),
      card('learningHours', num.format(f.learningHours), translate(lang, 'hr.figure.learningHoursDetail')),
    ];
  }
}

const staffHrefOf = (agencyId: string) => `/hr/agencies/${agencyId}/staff`;

function percentFormat(lang: Language): (v: number | null) => string {
  const fmt = new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  return (v) => (v === null || v === undefined ? '—' : fmt.format(v));
}
