// The public open-data page: how well each agency trains its people, from the same rows as the CSV
// and JSON downloads (aggregates only, small groups folded into their parents), one level of the
// tree at a time with links to drill down, a chart, and the published schema in words.
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPEN_DATA_COLUMNS, OpenDataRow, OpenDataService, SMALL_GROUP } from '@chadavkhi/accountability';
import { OpenEvaluationsService } from '@chadavkhi/evaluation';
import { PlanOpenDataService } from '@chadavkhi/planning';
import { Public } from '@chadavkhi/platform';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { horizontalBarChart } from './dashboard-charts';
import { PageLanguage } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const BARS_SHOWN = 15;

@ApiExcludeController()
@Public()
@Controller('open-data')
export class OpenDataPageController {
  constructor(
    private readonly openData: OpenDataService,
    private readonly planData: PlanOpenDataService,
    private readonly pages: PageRenderer,
    private readonly evaluations: OpenEvaluationsService,
  ) {}

  @Get()
  async page(@PageLanguage() lang: Language, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const [rows, published] = await Promise.all([this.openData.rows(), this.planData.plans()]);
    const byCode = new Map(rows.map((r) => [String(r.agency_code), r]));
    const wanted = (request.query as Record<string, unknown> | undefined)?.agency;
    const root = rows.find((r) => r.parent_agency_code === null) ?? rows[0];
    const parent = (typeof wanted === 'string' && byCode.get(wanted)) || root;
    const children = parent ? rows.filter((r) => r.parent_agency_code === parent.agency_code) : [];
    const nameOf = (r: OpenDataRow) => String(lang === 'en' ? r.agency_name_en : r.agency_name_mn);
    const pct = (v: unknown) =>
      typeof v === 'number'
        ? new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', {
            style: 'percent',
            maximumFractionDigits: 0,
          }).format(v)
        : '—';
    const mandatory = (r: OpenDataRow) =>
      typeof r.assigned === 'number' && r.assigned && typeof r.assigned_completed === 'number'
        ? r.assigned_completed / r.assigned
        : null;
    const count = (v: unknown) => (v === null ? '—' : v); // withheld (see openData.withheld)
    const asOf = rows
      .map((r) => String(r.figures_as_of))
      .sort()
      .pop();
    const trail: OpenDataRow[] = [];
    for (
      let at: OpenDataRow | undefined = parent;
      at;
      at = at.parent_agency_code ? byCode.get(String(at.parent_agency_code)) : undefined
    )
      trail.unshift(at);

    const ranked = children
      .filter((c) => mandatory(c) !== null)
      .sort((a, b) => (mandatory(b) ?? 0) - (mandatory(a) ?? 0));
    const chart = ranked.length
      ? horizontalBarChart({
          id: 'chart-open',
          title: translate(lang, 'openData.chart', { agency: parent ? nameOf(parent) : '' }),
          summary: translate(lang, 'openData.chartSummary', {
            count: ranked.length,
            first: nameOf(ranked[0]),
            rate: pct(mandatory(ranked[0])),
          }),
          tone: 'ok',
          max: 1,
          bars: ranked.slice(0, BARS_SHOWN).map((c) => ({
            label: nameOf(c),
            value: mandatory(c) ?? 0,
            valueText: pct(mandatory(c)),
            href: `/open-data?agency=${encodeURIComponent(String(c.agency_code))}`,
          })),
        })
      : undefined;
    const line = (r: OpenDataRow, isParent: boolean) => ({
      name: nameOf(r),
      href:
        !isParent && rows.some((x) => x.parent_agency_code === r.agency_code)
          ? `/open-data?agency=${encodeURIComponent(String(r.agency_code))}`
          : undefined,
      isParent,
      headcount: r.headcount,
      assigned: count(r.assigned),
      mandatory: pct(mandatory(r)),
      overdue: count(r.overdue),
      completionRate: pct(r.completion_rate),
      certified: pct(r.certified_share),
      coverage: pct(r.competency_coverage),
      hours: count(r.learning_hours),
    });
    // Course evaluations, for the level shown: the government's rows at the top, an agency's under it.
    const level = parent?.parent_agency_code === null ? 0 : 1;
    const evaluations = (await this.evaluations.rows())
      .filter((e) => e.level === level && e.agency_code === parent?.agency_code)
      .map((e) => ({
        course: String(lang === 'en' && e.course_title_en ? e.course_title_en : e.course_title_mn),
        respondents: count(e.reaction_respondents),
        relevant: e.relevant_mean ?? '—',
        recommend: e.recommend_mean ?? '—',
        followUp: count(e.learner_follow_up_respondents),
        applied: pct(e.learner_applied_share),
        supervisorApplied: pct(e.supervisor_applied_share),
      }));
    const title = translate(lang, 'openData.title');
    // Public figures anyone may reuse for ten minutes: no user's token in them.
    return this.pages.render(
      request,
      reply,
      'open-data.hbs',
      title,
      {
        heading: title,
        description: translate(lang, 'openData.lead', { size: SMALL_GROUP }),
        lead: translate(lang, 'openData.lead', { size: SMALL_GROUP }),
        withheld: translate(lang, 'openData.withheld', { size: SMALL_GROUP }),
        asOfText: asOf
          ? translate(lang, 'openData.asOf', { when: formatDate(lang, asOf, true) })
          : translate(lang, 'openData.none'),
        trail: trail
          .slice(0, -1)
          .map((r) => ({ name: nameOf(r), href: `/open-data?agency=${encodeURIComponent(String(r.agency_code))}` })),
        levelHeading: parent ? nameOf(parent) : '',
        chart,
        chartTitle: parent ? translate(lang, 'openData.chart', { agency: nameOf(parent) }) : undefined,
        rows: parent ? [line(parent, true), ...children.map((c) => line(c, false))] : [],
        columns: this.columns(lang),
        evaluations,
        evaluationLead: translate(lang, 'openData.evaluations.lead', { size: SMALL_GROUP }),
        plans: published.plans.slice(0, 200).map((p) => ({
          href: `/open-data/plans/${p.plan_id}`,
          name: `${lang === 'en' ? p.agency_name_en : p.agency_name_mn} ${p.year}`,
          budget: new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB').format(Number(p.budget)),
          spent: new Intl.NumberFormat(lang === 'mn' ? 'mn-MN' : 'en-GB').format(Number(p.spent)),
          seats: p.seats,
          completed: p.completed,
        })),
      },
      { cache: 'public, max-age=600', csrf: false },
    );
  }

  private columns(lang: Language) {
    return OPEN_DATA_COLUMNS.map((name) => ({ name, text: translate(lang, `openData.column.${name}`) }));
  }
}
