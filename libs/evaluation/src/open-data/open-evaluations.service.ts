// Course evaluations for the public (issue 20 §6): per course, for the government as a whole and for
// each agency directly under it, how many answered each survey, the mean of the standard ratings and
// the share applying the training three months on. No personal data and no group under SMALL_GROUP:
// a survey's figures in a row are withheld when fewer answered, and an agency's are withheld too when
// the whole minus the published agencies would single out fewer (small-group-partition.ts).
import { Injectable } from '@nestjs/common';
import { SMALL_GROUP } from '@chadavkhi/accountability';
import { writeCsv } from '@chadavkhi/platform';
import { Survey } from '../questions/question-bank';
import { suppressPartition } from '../results/small-group-partition';
import { OPEN_EVALUATION_COLUMNS, OpenEvaluationRow, PUBLISHED_RATINGS } from './open-evaluations';
import { OpenCountRow, OpenEvaluationsRepository } from './open-evaluations.repository';

const OWN = 'own';
type Figures = Pick<
  OpenEvaluationRow,
  | 'reaction_respondents'
  | 'relevant_mean'
  | 'clear_mean'
  | 'trainer_mean'
  | 'will_apply_mean'
  | 'recommend_mean'
  | 'learner_follow_up_respondents'
  | 'learner_applied_share'
  | 'supervisor_follow_up_respondents'
  | 'supervisor_applied_share'
>;

/**
 * The public table is counted over every answer sheet, so it is computed at most once a minute per
 * process (one computation shared by the requests that arrive meanwhile), not once per request:
 * the files are public and say they may be reused for ten minutes anyway.
 */
const FRESH_MS = 60_000;

@Injectable()
export class OpenEvaluationsService {
  private latest?: { at: number; rows: Promise<OpenEvaluationRow[]> };

  constructor(private readonly open: OpenEvaluationsRepository) {}

  rows(): Promise<OpenEvaluationRow[]> {
    const now = Date.now();
    if (!this.latest || now - this.latest.at > FRESH_MS) {
      const rows = this.compute();
      this.latest = { at: now, rows };
      rows.catch(() => {
        if (this.latest?.rows === rows) this.latest = undefined; // a failure is not kept
      });
    }
    return this.latest.rows;
  }

  private async compute(): Promise<OpenEvaluationRow[]> {
    const counts = await this.open.counts([...PUBLISHED_RATINGS, 'applied']);
    const courseIds = [...new Set(counts.map((c) => c.course_id))];
    if (!courseIds.length) return [];
    const tops = [...new Set(counts.map((c) => c.top_id).filter((id): id is string => !!id))];
    const [courses, agencies] = await Promise.all([this.open.courses(courseIds), this.open.agencies(tops)]);
    const root = agencies.find((a) => a.parent_id === null);
    if (!root) return [];
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const asOf = new Date().toISOString();
    const out: OpenEvaluationRow[] = [];
    for (const course of courses) {
      const mine = counts.filter((c) => c.course_id === course.id);
      // Per survey: the groups (top-level agencies, and the root's own people) and which are withheld.
      const hidden = new Map<Survey, Set<string>>();
      for (const survey of ['reaction', 'learner_follow_up', 'supervisor_follow_up'] as const) {
        const sizes = mine
          .filter((c) => c.survey === survey && c.key === null)
          .map((c) => ({ key: c.top_id ?? OWN, size: c.n }));
        const withheld = suppressPartition(sizes, SMALL_GROUP);
        withheld.add(OWN); // the root's own people are in the whole, never a row of their own
        hidden.set(survey, withheld);
      }
      const row = (agencyId: string | null, level: 0 | 1): OpenEvaluationRow | undefined => {
        const inRow = (c: OpenCountRow) => agencyId === null || c.top_id === agencyId;
        const shown = (survey: Survey) => {
          const rows = mine.filter((c) => c.survey === survey && inRow(c));
          const size = rows.filter((c) => c.key === null).reduce((s, c) => s + c.n, 0);
          const ok = size >= SMALL_GROUP && (agencyId === null || !hidden.get(survey)!.has(agencyId));
          return ok ? { size, rows } : undefined;
        };
        const figures = this.figures(shown('reaction'), shown('learner_follow_up'), shown('supervisor_follow_up'));
        if (!figures) return undefined;
        const agency = agencyId ? byId.get(agencyId)! : root;
        return {
          course_id: course.id,
          course_code: course.code,
          course_title_mn: course.title,
          course_title_en: course.title_en,
          agency_code: agency.code,
          agency_name_mn: agency.name_mn,
          agency_name_en: agency.name_en,
          level,
          ...figures,
          figures_as_of: asOf,
        };
      };
      const whole = row(null, 0);
      if (whole) out.push(whole);
      for (const top of tops
        .filter((id) => byId.has(id))
        .sort((a, b) => (byId.get(a)!.code < byId.get(b)!.code ? -1 : 1))) {
        const r = row(top, 1);
        if (r) out.push(r);
      }
    }
    return out;
  }

  async csv(): Promise<string> {
    return writeCsv(await this.rows(), OPEN_EVALUATION_COLUMNS, 'rfc4180');
  }

  private figures(
    reaction: { size: number; rows: OpenCountRow[] } | undefined,
    learner: { size: number; rows: OpenCountRow[] } | undefined,
    supervisor: { size: number; rows: OpenCountRow[] } | undefined,
  ): Figures | undefined {
    if (!reaction && !learner && !supervisor) return undefined;
    const mean = (key: string) => {
      if (!reaction) return null;
      const values = reaction.rows.filter((c) => c.key === key);
      const n = values.reduce((s, c) => s + c.n, 0);
      return n ? Math.round((values.reduce((s, c) => s + Number(c.value) * c.n, 0) / n) * 100) / 100 : null;
    };
    const applied = (group: { rows: OpenCountRow[] } | undefined) => {
      if (!group) return null;
      const values = group.rows.filter((c) => c.key === 'applied');
      const n = values.reduce((s, c) => s + c.n, 0);
      const yes = values.filter((c) => c.value === 'yes' || c.value === 'partly').reduce((s, c) => s + c.n, 0);
      return n ? Math.round((yes / n) * 1000) / 1000 : null;
    };
    return {
      reaction_respondents: reaction?.size ?? null,
      relevant_mean: mean('relevant'),
      clear_mean: mean('clear'),
      trainer_mean: mean('trainer'),
      will_apply_mean: mean('will_apply'),
      recommend_mean: mean('recommend'),
      learner_follow_up_respondents: learner?.size ?? null,
      learner_applied_share: applied(learner),
      supervisor_follow_up_respondents: supervisor?.size ?? null,
      supervisor_applied_share: applied(supervisor),
    };
  }
}
