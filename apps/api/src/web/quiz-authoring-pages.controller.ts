// The trainer's page for one of a course's quizzes, the final one or a module's (?module=<id>): its
// questions (written in the browser, with the answer key, which only the course's trainers and
// administrators ever see here) and its settings. Each form changes the draft through
// CoursesService, like the outline forms; publishing a version freezes the quiz with the course.
import { Controller, Get, HttpStatus, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, Roles, TokenService } from '@chadavkhi/identity';
import { AuthoredCourseView, CoursesService, DEFAULT_SHOW_ANSWERS, QUESTION_TYPES, SHOW_ANSWERS } from '@chadavkhi/learning';
import { addQuestion, AssessmentInput, bankOf, MAX_QUESTIONS_PER_BANK, quizOf, readQuestion, readQuizSettings, removeQuestion, removeQuiz, saveQuiz } from './quiz-edits';
import { FieldErrors, formBody, isUuid } from './form-fields';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { baseModel, pageLanguage } from './web-request';

const NOTICES = ['questionAdded', 'questionRemoved', 'quizSaved', 'quizRemoved'] as const;

function uuidParam(value: string): string {
  if (!isUuid(value)) throw new NotFoundException('No such page.');
  return value;
}

/** The message of a 409/422 from the service, or undefined for anything else (which is rethrown). */
const refusal = (error: unknown) => formRefusal(error, [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]);

/** The quiz a request is about: ?module=<id> names a module of the draft (404 if it has none), else the final quiz. */
function quizTarget(request: FastifyRequest, course: AuthoredCourseView): { moduleId: string | null; moduleTitle?: string; query: string } {
  const wanted = (request.query as Record<string, unknown> | undefined)?.module;
  if (wanted === undefined || wanted === '') return { moduleId: null, query: '' };
  const module = course.draft.modules.find((m) => m.id === wanted);
  if (!module) throw new NotFoundException('This course has no such module.');
  return { moduleId: module.id, moduleTitle: module.title, query: `module=${module.id}` };
}

type Failed = { form: 'question' | 'quiz' | 'list'; values?: Record<string, string>; errors?: FieldErrors; message?: string };

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author/courses/:id/quiz')
export class QuizAuthoringPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly tokens: TokenService,
  ) {}

  @Get()
  async page(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderPage(request, reply, await this.courses.getDraft(request.user!, uuidParam(id)));
  }

  @Post('questions')
  async addQuestion(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const course = await this.courses.getDraft(request.user!, uuidParam(id));
    const { moduleId, moduleTitle } = quizTarget(request, course);
    const { form, question } = readQuestion(formBody(request), lang);
    if ((bankOf(course.draft, course.id, moduleId)?.questions.length ?? 0) >= MAX_QUESTIONS_PER_BANK) form.fail('prompt', 'quizAuthor.error.tooMany', { max: MAX_QUESTIONS_PER_BANK });
    if (!form.ok) return this.failed(request, reply, course, { form: 'question', values: form.values, errors: form.errors });
    const bankTitle = moduleTitle ? translate(lang, 'quizAuthor.moduleBankTitle', { module: moduleTitle }) : translate(lang, 'quizAuthor.bankTitle');
    return this.save(request, reply, course, addQuestion(course.draft, course.id, moduleId, question, bankTitle), 'questionAdded', 'questions', { form: 'question', values: form.values });
  }

  @Post('questions/:questionId/delete')
  async removeQuestion(@Param('id') id: string, @Param('questionId') questionId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const course = await this.courses.getDraft(request.user!, uuidParam(id));
    const { moduleId } = quizTarget(request, course);
    const quiz = quizOf(course.draft, moduleId);
    const left = (bankOf(course.draft, course.id, moduleId)?.questions.length ?? 0) - 1;
    if (quiz && left < quiz.draws[0].count) return this.failed(request, reply, course, { form: 'list', message: translate(lang, 'quizAuthor.error.belowDraw', { count: quiz.draws[0].count }) });
    const input = removeQuestion(course.draft, course.id, moduleId, questionId);
    if (!input) throw new NotFoundException('This quiz has no such question.');
    return this.save(request, reply, course, input, 'questionRemoved', 'questions', { form: 'list' });
  }

  @Post()
  async saveQuiz(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const course = await this.courses.getDraft(request.user!, uuidParam(id));
    const { moduleId } = quizTarget(request, course);
    const bankSize = bankOf(course.draft, course.id, moduleId)?.questions.length ?? 0;
    const { form, settings } = readQuizSettings(formBody(request), lang, bankSize);
    if (!bankSize) form.fail('questionCount', 'quizAuthor.error.noQuestions');
    if (!form.ok) return this.failed(request, reply, course, { form: 'quiz', values: form.values, errors: form.errors });
    return this.save(request, reply, course, saveQuiz(course.draft, course.id, moduleId, settings)!, 'quizSaved', 'settings', { form: 'quiz', values: form.values });
  }

  @Post('delete')
  async removeQuiz(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const course = await this.courses.getDraft(request.user!, uuidParam(id));
    const { moduleId, query } = quizTarget(request, course);
    const input = removeQuiz(course.draft, moduleId);
    if (!input) return reply.redirect(`/author/courses/${course.id}/quiz${query ? `?${query}` : ''}`, 303);
    return this.save(request, reply, course, input, 'quizRemoved', 'settings', { form: 'quiz' });
  }

  /** Saves the banks and quizzes; a refusal from the service comes back beside the form that sent it. */
  private async save(request: FastifyRequest, reply: FastifyReply, course: AuthoredCourseView, input: AssessmentInput, notice: (typeof NOTICES)[number], anchor: string, onRefusal: Failed) {
    try {
      await this.courses.updateDraft(request.user!, course.id, input);
    } catch (error) {
      const refused = refusal(error);
      if (!refused) throw error;
      return this.failed(request, reply, course, { ...onRefusal, message: translate(pageLanguage(request), 'author.refused', { message: refused.message }) });
    }
    const { query } = quizTarget(request, course);
    return reply.redirect(`/author/courses/${course.id}/quiz?${query ? `${query}&` : ''}notice=${notice}#${anchor}`, 303);
  }

  private failed(request: FastifyRequest, reply: FastifyReply, course: AuthoredCourseView, failed: Failed) {
    return this.renderPage(request, reply, course, failed, 422);
  }

  private renderPage(request: FastifyRequest, reply: FastifyReply, course: AuthoredCourseView, failed?: Failed, status = 200) {
    const lang = pageLanguage(request);
    const draft = course.draft;
    const { moduleId, moduleTitle, query } = quizTarget(request, course);
    const bank = bankOf(draft, course.id, moduleId);
    const quiz = quizOf(draft, moduleId);
    const questions = bank?.questions ?? [];
    const noticeKey = (request.query as Record<string, unknown> | undefined)?.notice;
    const notice = NOTICES.find((n) => n === noticeKey);
    const questionForm = failed?.form === 'question' ? failed : undefined;
    const quizForm = failed?.form === 'quiz' ? failed : undefined;
    const errorList = (errors: FieldErrors | undefined, prefix: string) => Object.entries(errors ?? {}).map(([field, text]) => ({ href: `#${prefix}-${field}`, message: text }));
    const questionValues = questionForm?.values ?? { type: 'single', points: '1' };
    const quizValues = quizForm?.values ?? {
      title: quiz?.title ?? (moduleTitle ? translate(lang, 'quizAuthor.defaultModuleTitle', { module: moduleTitle }) : translate(lang, 'quizAuthor.defaultTitle')),
      passMarkPercent: String(quiz?.passMarkPercent ?? 70),
      timeLimitMinutes: String(quiz?.timeLimitMinutes ?? 30),
      maxAttempts: String(quiz?.maxAttempts ?? 3),
      questionCount: String(quiz?.draws[0]?.count ?? Math.min(questions.length, 10)),
      showAnswers: quiz?.showAnswers ?? DEFAULT_SHOW_ANSWERS,
      offlineDays: quiz?.offlineDays ? String(quiz.offlineDays) : '',
    };
    const title = moduleTitle ? translate(lang, 'quizAuthor.moduleTitle', { module: moduleTitle }) : translate(lang, 'quizAuthor.title', { title: draft.title });
    const action = (path = '') => `/author/courses/${course.id}/quiz${path}${query ? `?${query}` : ''}`;
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .view('author-quiz.hbs', {
        ...baseModel(request, lang, title),
        heading: title,
        courseHref: `/author/courses/${course.id}`,
        courseTitle: draft.title,
        questionAction: action('/questions'),
        quizAction: action(),
        removeQuizAction: action('/delete'),
        intro: translate(lang, moduleTitle ? 'quizAuthor.moduleIntro' : 'quizAuthor.intro'),
        notice: notice ? translate(lang, `quizAuthor.notice.${notice}`) : undefined,
        listError: failed?.form === 'list' ? failed.message : undefined,
        questions: questions.map((q, i) => ({
          number: i + 1,
          prompt: q.prompt,
          typeText: translate(lang, `quizAuthor.type.${q.type}`),
          points: q.points,
          options: (q.options ?? []).map((text, index) => ({ text, right: answerIncludes(q.correct, index) && q.type !== 'ordering' })),
          ordered: q.type === 'ordering',
          answerText: answerText(lang, q),
          explanation: q.explanation,
          deleteAction: action(`/questions/${q.id}/delete`),
        })),
        // Banks or draws beyond the one this page edits were made through the API or quiz.yaml.
        otherSources: (quiz?.draws.length ?? 0) > 1,
        question: {
          values: questionValues,
          errors: questionForm?.errors ?? {},
          errorList: errorList(questionForm?.errors, 'question'),
          message: questionForm?.message,
          types: QUESTION_TYPES.map((type) => ({ value: type, label: translate(lang, `quizAuthor.type.${type}`), selected: questionValues.type === type })),
        },
        quiz: {
          exists: !!quiz,
          values: quizValues,
          errors: quizForm?.errors ?? {},
          errorList: errorList(quizForm?.errors, 'quiz'),
          message: quizForm?.message,
          bankSize: questions.length,
          canSave: questions.length > 0,
          showAnswersChoices: SHOW_ANSWERS.map((value) => ({ value, label: translate(lang, `quizAuthor.showAnswers.${value}`), checked: quizValues.showAnswers === value })),
        },
        csrfToken: this.tokens.csrfToken(request.user as AuthUser),
      });
  }
}

function answerIncludes(correct: unknown, index: number): boolean {
  return Array.isArray(correct) ? correct.includes(index) : correct === index;
}

/** The answer key in words, for the types whose key is not marked on an option. */
function answerText(lang: Language, q: { type: string; correct?: unknown; tolerance?: number }): string | undefined {
  switch (q.type) {
    case 'true_false':
      return translate(lang, q.correct ? 'quizAuthor.answer.true' : 'quizAuthor.answer.false');
    case 'numeric':
      return translate(lang, q.tolerance ? 'quizAuthor.answer.numericTolerance' : 'quizAuthor.answer.numeric', { value: String(q.correct), tolerance: String(q.tolerance ?? 0) });
    case 'text':
      return translate(lang, 'quizAuthor.answer.text', { answers: (q.correct as string[]).join(' · ') });
    case 'ordering':
      return translate(lang, 'quizAuthor.answer.ordering');
    default:
      return undefined;
  }
}
