// Taking a quiz in the browser: start (or resume) an attempt, answer on one plain form, submit, and
// read the result: which answers were right, and the answer key when the quiz's showAnswers allows. The deadline and the grading are the server's;
// the page only says when the time runs out.
import { ConflictException, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AttemptClosedException,
  AttemptsService,
  AttemptView,
  ShownQuestion,
  SUBMIT_GRACE_SECONDS,
} from '@chadavkhi/assessment';
import { Roles } from '@chadavkhi/identity';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { answersRefused, answerText, AnswerError, readAnswers } from './quiz-answers';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageLanguage } from './web-request';

/** A refusal to start an attempt, said in the page's language. */
function startRefusal(lang: Language, error: unknown): string | undefined {
  if (!(error instanceof ConflictException)) return undefined;
  const slug = (error.getResponse() as { slug?: string }).slug;
  if (slug === 'quiz-already-passed') return translate(lang, 'quiz.refused.passed');
  if (slug === 'no-attempts-left') return translate(lang, 'quiz.refused.noAttempts');
  return undefined;
}

interface FormState {
  status?: number;
  errors?: Record<string, AnswerError>;
  typed?: Record<string, string[]>;
}

@ApiExcludeController()
@Controller()
export class QuizPagesController {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly pages: PageRenderer,
  ) {}

  /** Starts an attempt, or goes back to the one still open. */
  @Post('learn/:enrollmentId/quizzes/:quizId/start')
  @Roles('learner')
  async start(
    @UuidParam('enrollmentId') enrollmentId: string,
    @UuidParam('quizId') quizId: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const offline = (request.body as Record<string, unknown> | undefined)?.offline === '1';
      const { attempt } = await this.attempts.start(request.user!, quizId, { offline, enrollmentId });
      return reply.redirect(`/attempts/${attempt.id}`, 303);
    } catch (error) {
      if (!startRefusal(lang, error)) throw error;
      const { slug } = (error as ConflictException).getResponse() as { slug: string };
      return reply.redirect(`/learn/${enrollmentId}?quiz=${slug}#quizzes`, 303);
    }
  }

  @Get('attempts/:id')
  async show(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const user = request.user!;
    let attempt = await this.attempts.get(user, id);
    if (attempt.status === 'open') {
      if (Date.now() <= Date.parse(attempt.deadlineAt) + SUBMIT_GRACE_SECONDS * 1000)
        return this.renderForm(request, reply, attempt, {});
      // Past the deadline: the server closes the attempt as it stood (what a late submit would do).
      try {
        attempt = await this.attempts.submit(user, id, {});
      } catch (error) {
        if (!(error instanceof AttemptClosedException)) throw error;
        attempt = await this.attempts.get(user, id);
      }
    }
    return this.renderResult(request, reply, attempt);
  }

  @Post('attempts/:id/submit')
  async submit(
    @UuidParam('id') id: string,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const attempt = await this.attempts.get(user, id);
    const read = readAnswers(body, attempt.questions);
    if (Object.keys(read.errors).length && attempt.status === 'open')
      return this.renderForm(request, reply, attempt, { status: 422, errors: read.errors, typed: read.typed });
    try {
      await this.attempts.submit(user, id, read.answers);
    } catch (error) {
      const refused = answersRefused(error);
      if (refused) return this.renderForm(request, reply, attempt, { status: 422, errors: refused, typed: read.typed });
      // Time ran out: the attempt was closed as it stood; its page says so.
      if (!(error instanceof AttemptClosedException)) throw error;
      return reply.redirect(`/attempts/${id}?late=1`, 303);
    }
    return reply.redirect(`/attempts/${id}`, 303);
  }

  private renderForm(request: FastifyRequest, reply: FastifyReply, attempt: AttemptView, state: FormState) {
    const lang = pageLanguage(request);
    const typed = state.typed ?? {};
    const errors = state.errors ?? {};
    const left = Math.max(0, Math.floor((Date.parse(attempt.deadlineAt) - Date.parse(attempt.serverTime)) / 60_000));
    const questions = attempt.questions.map((q, i) => this.questionModel(lang, q, i, typed, errors[q.id]));
    const errorList = questions
      .filter((q) => q.error)
      .map((q) => ({ href: `#q-${q.id}`, message: `${q.numberText}: ${q.error}` }));
    return this.pages.render(
      request,
      reply,
      'quiz-attempt.hbs',
      attempt.quizTitle,
      {
        quizTitle: attempt.quizTitle,
        overviewHref: `/learn/${attempt.enrollmentId}`,
        attemptText: translate(lang, 'quiz.attemptOf', { n: attempt.attemptNumber, max: attempt.maxAttempts }),
        deadlineText: attempt.offline
          ? translate(lang, 'quiz.offlineDeadline', { time: formatDate(lang, attempt.deadlineAt, true) })
          : translate(lang, 'quiz.deadline', { time: formatDate(lang, attempt.deadlineAt, true), minutes: left }),
        offline: attempt.offline,
        attemptId: attempt.id,
        deadlineIso: attempt.deadlineAt,
        questionCountText: translate(lang, 'quiz.questionCount', { count: attempt.questions.length }),
        action: `/attempts/${attempt.id}/submit`,
        questions,
        errorList: errorList.length ? errorList : undefined,
      },
      { status: state.status },
    );
  }

  private questionModel(
    lang: Language,
    q: ShownQuestion,
    index: number,
    typed: Record<string, string[]>,
    error: AnswerError | undefined,
  ) {
    const name = `a-${q.id}`;
    const chosen = new Set(typed[name] ?? []);
    const options = (q.options ?? []).map((o) => ({
      key: o.key,
      text: o.text,
      id: `${name}-${o.key}`,
      checked: chosen.has(String(o.key)),
      position: (typed[`${name}-${o.key}`] ?? [''])[0],
    }));
    return {
      id: q.id,
      name,
      numberText: translate(lang, 'quiz.questionN', { n: index + 1 }),
      prompt: q.prompt,
      pointsText: translate(lang, 'quiz.points', { points: q.points }),
      hintText: translate(lang, `quiz.hint.${q.type}`, { count: options.length }),
      single: q.type === 'single',
      multiple: q.type === 'multiple',
      trueFalse: q.type === 'true_false',
      numeric: q.type === 'numeric',
      text: q.type === 'text',
      ordering: q.type === 'ordering',
      options,
      positions: options.map((_, i) => i + 1),
      trueChecked: chosen.has('true'),
      falseChecked: chosen.has('false'),
      value: (typed[name] ?? [''])[0],
      error: error ? translate(lang, error) : undefined,
    };
  }

  private renderResult(request: FastifyRequest, reply: FastifyReply, attempt: AttemptView) {
    const lang = pageLanguage(request);
    const result = attempt.result;
    const words = {
      yes: translate(lang, 'quiz.true'),
      no: translate(lang, 'quiz.false'),
      none: translate(lang, 'quiz.noAnswer'),
    };
    const byId = new Map(attempt.questions.map((q) => [q.id, q]));
    const late = (request.query as Record<string, unknown> | undefined)?.late;
    const expired = attempt.status === 'expired';
    const review = (result?.review ?? []).map((item, i) => {
      const q = byId.get(item.questionId)!;
      return {
        numberText: translate(lang, 'quiz.questionN', { n: i + 1 }),
        prompt: q.prompt,
        outcome: item.outcome,
        outcomeText: translate(lang, `quiz.outcome.${item.outcome}`),
        scoreText: translate(lang, 'quiz.scoreOf', { score: item.score, max: item.max }),
        answer: answerText(q, item.answer, words),
        correct: item.correctAnswer !== undefined ? answerText(q, item.correctAnswer, words) : undefined,
        explanation: item.explanation ?? undefined,
      };
    });
    const attemptsLeft = attempt.maxAttempts - attempt.attemptNumber;
    const showsAnswers = review.some((r) => r.correct !== undefined || r.explanation);
    return this.pages.render(request, reply, 'quiz-result.hbs', attempt.quizTitle, {
      quizTitle: attempt.quizTitle,
      overviewHref: `/learn/${attempt.enrollmentId}`,
      expired,
      lateText: late || expired ? translate(lang, 'quiz.late') : undefined,
      passed: result?.passed ?? false,
      verdict: translate(lang, result?.passed ? 'quiz.passed' : 'quiz.failed'),
      scoreText: result
        ? translate(lang, 'quiz.score', { score: result.score, max: result.maxScore, percent: result.percent })
        : undefined,
      passMarkText: result ? translate(lang, 'quiz.passMark', { percent: result.passMarkPercent }) : undefined,
      attemptText: translate(lang, 'quiz.attemptOf', { n: attempt.attemptNumber, max: attempt.maxAttempts }),
      retry:
        !result?.passed && attemptsLeft > 0
          ? {
              action: `/learn/${attempt.enrollmentId}/quizzes/${attempt.quizId}/start`,
              text: translate(lang, 'quiz.retry', { left: attemptsLeft }),
            }
          : undefined,
      noAttemptsLeft: !result?.passed && attemptsLeft <= 0 ? translate(lang, 'quiz.refused.noAttempts') : undefined,
      // An attempt closed by its deadline has nothing answered to go through, unless with the key.
      review: expired && !showsAnswers ? [] : review,
      keyNote:
        showsAnswers || expired
          ? undefined
          : translate(lang, attempt.showAnswers === 'never' ? 'quiz.noReview' : 'quiz.answersLater'),
    });
  }
}
