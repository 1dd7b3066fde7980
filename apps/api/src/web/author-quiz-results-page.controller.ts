// How learners did on one of a course's quizzes, for its trainers, and which questions need a look
// (item analysis from QuizResultsService).
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QuizResultsService } from '@chadavkhi/assessment';
import { Roles } from '@chadavkhi/identity';
import { Language, translate } from './i18n';
import { PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author/courses/:id/quizzes/:quizId/results')
export class AuthorQuizResultsPageController {
  constructor(
    private readonly results: QuizResultsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async quizResults(
    @UuidParam('id') id: string,
    @UuidParam('quizId') quizId: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const results = await this.results.results(request.user!, quizId, id);
    const heading = translate(lang, 'results.title', { title: results.title });
    return this.pages.render(request, reply, 'author-quiz-results.hbs', heading, {
      heading,
      courseHref: `/author/courses/${id}`,
      summary: [
        { label: translate(lang, 'results.attempts'), value: String(results.submittedAttempts) },
        { label: translate(lang, 'results.passRate'), value: percent(results.passRate) },
        {
          label: translate(lang, 'results.mean'),
          value: results.meanPercent === null ? '–' : `${results.meanPercent}%`,
        },
        { label: translate(lang, 'results.passMark'), value: `${results.passMarkPercent}%` },
      ],
      questions: results.questions.map((q) => ({
        prompt: q.prompt,
        answered: q.answered,
        difficulty: Math.round(q.difficulty * 100),
        difficultyText: percent(q.difficulty),
        discrimination: q.discrimination === null ? '–' : q.discrimination.toFixed(2),
        flag: q.flag,
        flagText: translate(lang, `results.flag.${q.flag}`),
        attention: q.flag !== 'ok',
      })),
    });
  }
}
