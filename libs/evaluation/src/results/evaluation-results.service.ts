// Results of a course's surveys for an agency subtree: per course version, trainer and agency, with
// nothing shown of a group smaller than the open-data threshold (SMALL_GROUP), and hidden groups
// kept from being derived by subtraction (small-group-partition.ts). HR officers read their
// subtree; a trainer reads their own courses everywhere; an administrator reads everything.
import { ForbiddenException, Injectable } from '@nestjs/common';
import { AgencyAccessService, SMALL_GROUP } from '@chadavkhi/accountability';
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { validateInput } from '@chadavkhi/platform';
import { CourseQuestionsService } from '../questions/course-questions.service';
import { EvaluationQuestion, Survey } from '../questions/question-bank';
import { SurveyFactsRepository } from '../surveys/survey-facts.repository';
import {
  EvaluationResultsView,
  EvaluationGroupResultView,
  EvaluationQuestionResultView,
  SurveyResultsView,
} from './dto/evaluation-results.view';
import { EvaluationResultsQuery } from './dto/results.query';
import { EvaluationResultsRepository, GroupSizeRow, ValueCountRow } from './evaluation-results.repository';
import { suppressPartition } from './small-group-partition';

const COMMENTS = 20;
/** Courses offered in a page's picker. */
const COURSES_OFFERED = 200;
type Dimension = 'course_version' | 'trainer_id' | 'agency_id';

@Injectable()
export class EvaluationResultsService {
  constructor(
    private readonly results: EvaluationResultsRepository,
    private readonly access: AgencyAccessService,
    private readonly questions: CourseQuestionsService,
    private readonly facts: SurveyFactsRepository,
  ) {}

  async forCourse(actor: AuthUser, input: EvaluationResultsQuery): Promise<EvaluationResultsView> {
    const query = await validateInput(EvaluationResultsQuery, input);
    const agency = await this.scope(actor, query);
    const surveys = {
      reaction: await this.questions.questionsFor(query.courseId, 'reaction'),
      learner_follow_up: await this.questions.questionsFor(query.courseId, 'learner_follow_up'),
      supervisor_follow_up: await this.questions.questionsFor(query.courseId, 'supervisor_follow_up'),
    };
    const counted = Object.values(surveys)
      .flat()
      .filter((q) => q.kind !== 'text')
      .map((q) => q.key);
    const [groups, values, rates] = await Promise.all([
      this.results.groups(query.courseId, agency.id),
      this.results.values(query.courseId, agency.id, [...new Set(counted)]),
      this.results.followUpCounts(query.courseId, agency.id),
    ]);
    const names = await this.names(groups);
    const survey = (s: Survey) =>
      this.survey(
        s,
        surveys[s],
        groups.filter((g) => g.survey === s),
        values.filter((v) => v.survey === s),
        names,
        query.courseId,
        agency.id,
      );
    return {
      courseId: query.courseId,
      agencyId: agency.id,
      agencyName: agency.name_mn,
      threshold: SMALL_GROUP,
      reaction: await survey('reaction'),
      learnerFollowUp: await survey('learner_follow_up'),
      supervisorFollowUp: await survey('supervisor_follow_up'),
      followUps: (['learner', 'supervisor'] as const).map((role) => {
        const r = rates.find((x) => x.role === role);
        return { role, asked: r?.asked ?? 0, answered: r?.answered ?? 0 };
      }),
    };
  }

  /** The courses whose results the actor may read and that have answers, for a page to offer. */
  async courses(actor: AuthUser): Promise<{ id: string; title: string; titleEn: string | null }[]> {
    const staff = hasRole(actor, 'admin', 'hr_officer');
    if (!staff && !hasRole(actor, 'trainer')) return [];
    const agency = staff ? await this.access.home(actor) : await this.access.root();
    const rows = await this.results.coursesAnswered(agency.id, staff ? null : actor.id, COURSES_OFFERED);
    return rows.map((r) => ({ id: r.id, title: r.title, titleEn: r.title_en }));
  }

  /** Which agency subtree the actor reads: 403 outside theirs; a trainer only their own courses. */
  private async scope(actor: AuthUser, query: EvaluationResultsQuery) {
    const staff = hasRole(actor, 'admin', 'hr_officer');
    if (!staff) {
      if (!hasRole(actor, 'trainer') || !(await this.facts.ownsCourse(actor.id, query.courseId)))
        throw new ForbiddenException({
          message: "A course's results are for its trainer and for HR officers.",
          slug: 'results-not-yours',
        });
      // A trainer reads their course across the whole tree.
      const root = await this.access.root();
      return query.agencyId ? ((await this.access.agency(query.agencyId)) ?? root) : root;
    }
    return query.agencyId ? this.access.assertCovers(actor, query.agencyId) : this.access.home(actor);
  }

  private async survey(
    survey: Survey,
    questions: EvaluationQuestion[],
    groups: GroupSizeRow[],
    values: ValueCountRow[],
    names: Map<string, { mn: string; en: string | null }>,
    courseId: string,
    agencyId: string,
  ): Promise<SurveyResultsView> {
    const total = groups.reduce((s, g) => s + g.n, 0);
    const empty: SurveyResultsView = {
      survey,
      respondents: total >= SMALL_GROUP ? total : null,
      questions: [],
      byVersion: [],
      byTrainer: [],
      byAgency: [],
      hiddenGroups: 0,
      comments: [],
    };
    if (total < SMALL_GROUP) return empty;
    let hiddenGroups = 0;
    const split = (dimension: Dimension): EvaluationGroupResultView[] => {
      const sizes = new Map<string, number>();
      for (const g of groups) sizes.set(keyOf(g, dimension), (sizes.get(keyOf(g, dimension)) ?? 0) + g.n);
      const hidden = suppressPartition(
        [...sizes].map(([key, size]) => ({ key, size })),
        SMALL_GROUP,
      );
      hiddenGroups += hidden.size;
      return [...sizes]
        .filter(([key]) => !hidden.has(key))
        .map(([key, size]) => ({
          key,
          label: dimension === 'course_version' ? key : (names.get(key)?.mn ?? '—'),
          labelEn: dimension === 'course_version' ? key : (names.get(key)?.en ?? null),
          respondents: size,
          questions: tally(
            questions,
            values.filter((v) => keyOf(v, dimension) === key),
          ),
        }))
        .sort((a, b) =>
          dimension === 'course_version' ? Number(a.key) - Number(b.key) : b.respondents - a.respondents,
        );
    };
    const textKeys = questions.filter((q) => q.kind === 'text').map((q) => q.key);
    return {
      ...empty,
      questions: tally(questions, values),
      byVersion: split('course_version'),
      byTrainer: split('trainer_id'),
      byAgency: split('agency_id'),
      hiddenGroups,
      comments: textKeys.length ? await this.results.texts(courseId, agencyId, survey, textKeys, COMMENTS) : [],
    };
  }

  private async names(groups: GroupSizeRow[]): Promise<Map<string, { mn: string; en: string | null }>> {
    const agencies = [...new Set(groups.map((g) => g.agency_id))];
    const trainers = [...new Set(groups.map((g) => g.trainer_id).filter((t): t is string => !!t))];
    const rows = [
      ...(agencies.length ? await this.results.agencyNames(agencies) : []),
      ...(trainers.length ? await this.results.trainerNames(trainers) : []),
    ];
    return new Map(rows.map((r) => [r.id, { mn: r.name_mn, en: r.name_en }]));
  }
}

function keyOf(g: GroupSizeRow, dimension: Dimension): string {
  return String(g[dimension] ?? 'none');
}

/** Ratings and choices of the questions asked, counted over the given value rows. */
function tally(questions: EvaluationQuestion[], values: ValueCountRow[]): EvaluationQuestionResultView[] {
  return questions
    .filter((q) => q.kind !== 'text')
    .map((q) => {
      const counts = new Map<string, number>();
      for (const v of values) if (v.key === q.key) counts.set(v.value, (counts.get(v.value) ?? 0) + v.n);
      const order = q.kind === 'rating' ? ['1', '2', '3', '4', '5'] : (q.options ?? []).map((o) => o.key);
      const distribution = order.map((value) => ({ value, count: counts.get(value) ?? 0 }));
      const answers = distribution.reduce((s, d) => s + d.count, 0);
      const mean =
        q.kind === 'rating' && answers
          ? Math.round((distribution.reduce((s, d) => s + Number(d.value) * d.count, 0) / answers) * 100) / 100
          : null;
      return { key: q.key, kind: q.kind, mn: q.mn, en: q.en, answers, mean, distribution };
    });
}
