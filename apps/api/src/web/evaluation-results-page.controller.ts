// A course's evaluation results (/evaluation/results): for HR officers within their agencies, for a
// trainer their own courses. Per survey: the answers overall, per course version, trainer and agency,
// and the latest comments — nothing of a group under the open-data threshold (the service's rule).
// A plain form picks the course; tables scroll inside their own box on a 320-pixel phone.
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EvaluationResultsService, EvaluationResultsView, SurveyResultsView } from '@chadavkhi/evaluation';
import { Roles } from '@chadavkhi/identity';
import { isUuid } from './form-fields';
import { Language, translate } from './i18n';
import { PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Controller('evaluation/results')
@Roles('hr_officer', 'admin', 'trainer')
export class EvaluationResultsPageController {
  constructor(
    private readonly results: EvaluationResultsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const courses = await this.results.courses(user);
    const chosen = isUuid(params.course) ? params.course : courses[0]?.id;
    const found = chosen ? await this.results.forCourse(user, { courseId: chosen }) : undefined;
    const title = translate(lang, 'evaluation.results.title');
    const name = (c: { title: string; titleEn: string | null }) => (lang === 'en' && c.titleEn ? c.titleEn : c.title);
    return this.pages.render(request, reply, 'evaluation-results.hbs', title, {
      heading: title,
      courses: courses.map((c) => ({ id: c.id, name: name(c), selected: c.id === chosen })),
      pick: courses.length ? undefined : translate(lang, 'evaluation.results.pick'),
      lead: found
        ? translate(lang, 'evaluation.results.lead', { agency: found.agencyName, threshold: found.threshold })
        : undefined,
      rates: found ? this.rates(lang, found) : undefined,
      surveys: found
        ? [found.reaction, found.learnerFollowUp, found.supervisorFollowUp].map((s, i) =>
            this.survey(lang, s, found, i),
          )
        : [],
    });
  }

  private rates(lang: Language, r: EvaluationResultsView): string {
    const of = (role: string) => r.followUps.find((f) => f.role === role) ?? { asked: 0, answered: 0 };
    return translate(lang, 'evaluation.results.rates', {
      learnerAnswered: of('learner').answered,
      learnerAsked: of('learner').asked,
      supervisorAnswered: of('supervisor').answered,
      supervisorAsked: of('supervisor').asked,
    });
  }

  private survey(lang: Language, s: SurveyResultsView, r: EvaluationResultsView, index: number) {
    const text = (q: { mn: string; en: string }) => (lang === 'en' ? q.en : q.mn);
    const shown = (q: SurveyResultsView['questions'][number]) =>
      q.mean !== null ? String(q.mean) : q.distribution.map((d) => `${d.value}: ${d.count}`).join(' · ');
    const groups = (key: 'byVersion' | 'byTrainer' | 'byAgency') =>
      s[key].map((g) => ({
        label:
          key === 'byVersion'
            ? translate(lang, 'evaluation.results.version', { version: g.label })
            : lang === 'en' && g.labelEn
              ? g.labelEn
              : g.label,
        respondents: g.respondents,
        values: g.questions.map(shown),
      }));
    return {
      id: `survey-${index + 1}`,
      title: translate(lang, `evaluation.survey.${s.survey}`),
      respondentsText:
        s.respondents === null
          ? translate(lang, 'evaluation.results.tooFew', { threshold: r.threshold })
          : translate(lang, 'evaluation.results.respondents', { count: s.respondents }),
      questions: s.questions.map((q) => ({ text: text(q), value: shown(q), answers: q.answers })),
      headers: s.questions.map(text),
      splits: (
        [
          ['byVersion', 'evaluation.results.byVersion'],
          ['byTrainer', 'evaluation.results.byTrainer'],
          ['byAgency', 'evaluation.results.byAgency'],
        ] as const
      )
        .map(([key, label], n) => ({
          id: `survey-${index + 1}-split-${n + 1}`,
          title: translate(lang, label),
          rows: groups(key),
        }))
        .filter((x) => x.rows.length),
      hiddenText: s.hiddenGroups ? translate(lang, 'evaluation.results.hidden', { count: s.hiddenGroups }) : undefined,
      comments: s.comments,
    };
  }
}
