// The trainer's page for one of a course's quizzes, the final one or a module's (?module=<id>): its
// questions (written in the browser, with the answer key, which only the course's trainers and
// administrators ever see here) and its settings. Each form changes the draft through
// DraftEditsService at the revision it was shown, like the outline forms (a stale one is refused and
// the page shows the quiz as it is now); publishing a version freezes the quiz with the course.
import { Controller, Get, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import {
  AuthoredCourseView,
  bankOf,
  CoursesService,
  DEFAULT_SHOW_ANSWERS,
  DraftEditsService,
  MAX_OPTIONS,
  QUESTION_TYPES,
  quizOf,
  SHOW_ANSWERS,
} from '@chadavkhi/learning';
import { ValidationProblemException } from '@chadavkhi/platform';
import { draftRefusal, formRevision } from './draft-refusal';
import { readQuestion, readQuizSettings } from './quiz-forms';
import { errorList, FieldErrors, formBody, FormReader } from './form-fields';
import { Language, translate } from './i18n';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageLanguage } from './web-request';

const NOTICES = ['questionAdded', 'questionRemoved', 'quizSaved', 'quizRemoved'] as const;

/** The quiz a request is about: ?module=<id> names a module of the draft (404 if it has none), else the final quiz. */
function quizTarget(
  request: FastifyRequest,
  course: AuthoredCourseView,
): { moduleId: string | null; moduleTitle?: string; query: string } {
  const wanted = (request.query as Record<string, unknown> | undefined)?.module;
  if (wanted === undefined || wanted === '') return { moduleId: null, query: '' };
  const module = course.draft.modules.find((m) => m.id === wanted);
  if (!module) throw new NotFoundException('This course has no such module.');
  return { moduleId: module.id, moduleTitle: module.title, query: `module=${module.id}` };
}

type Failed = {
  form: 'question' | 'quiz' | 'list';
  reader?: FormReader;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  status?: number;
  revision?: number;
};

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author/courses/:id/quiz')
export class QuizAuthoringPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly edits: DraftEditsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderPage(request, reply, await this.courses.getDraft(request.user!, id));
  }

  @Post('questions')
  async addQuestion(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const course = await this.courses.getDraft(request.user!, id);
    const { moduleId, moduleTitle } = quizTarget(request, course);
    const { form, question } = readQuestion(body, lang);
    if (!form.ok)
      return this.failed(request, reply, course, {
        form: 'question',
        values: form.values,
        errors: form.errors,
        revision: formRevision(body),
      });
    const bankTitle = moduleTitle
      ? translate(lang, 'quizAuthor.moduleBankTitle', { module: moduleTitle })
      : translate(lang, 'quizAuthor.bankTitle');
    return this.save(
      request,
      reply,
      course,
      (revision) => this.edits.addQuestion(request.user!, course.id, moduleId, { question, bankTitle, revision }),
      'questionAdded',
      'questions',
      { form: 'question', reader: form, values: form.values },
    );
  }

  @Post('questions/:questionId/delete')
  async removeQuestion(
    @UuidParam('id') id: string,
    @UuidParam('questionId') questionId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const course = await this.courses.getDraft(request.user!, id);
    const { moduleId } = quizTarget(request, course);
    return this.save(
      request,
      reply,
      course,
      (revision) => this.edits.removeQuestion(request.user!, course.id, moduleId, questionId, { revision }),
      'questionRemoved',
      'questions',
      { form: 'list' },
    );
  }

  @Post()
  async saveQuiz(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const course = await this.courses.getDraft(request.user!, id);
    const { moduleId } = quizTarget(request, course);
    const { form, settings } = readQuizSettings(body, lang);
    if (!form.ok)
      return this.failed(request, reply, course, {
        form: 'quiz',
        values: form.values,
        errors: form.errors,
        revision: formRevision(body),
      });
    return this.save(
      request,
      reply,
      course,
      (revision) => this.edits.saveQuiz(request.user!, course.id, moduleId, { ...settings, revision }),
      'quizSaved',
      'settings',
      { form: 'quiz', reader: form, values: form.values },
    );
  }

  @Post('delete')
  async removeQuiz(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const course = await this.courses.getDraft(request.user!, id);
    const { moduleId, query } = quizTarget(request, course);
    if (!quizOf(course.draft, moduleId))
      return reply.redirect(`/author/courses/${course.id}/quiz${query ? `?${query}` : ''}`, 303);
    return this.save(
      request,
      reply,
      course,
      (revision) => this.edits.removeQuiz(request.user!, course.id, moduleId, { revision }),
      'quizRemoved',
      'settings',
      { form: 'quiz' },
    );
  }

  /**
   * Makes the change at the revision the form was shown; a refusal from the service comes back
   * beside the form that sent it, with what was typed, and after someone else's change (409) with
   * the quiz as it is now.
   */
  private async save(
    request: FastifyRequest,
    reply: FastifyReply,
    course: AuthoredCourseView,
    change: (revision: number | undefined) => Promise<unknown>,
    notice: (typeof NOTICES)[number],
    anchor: string,
    onRefusal: Failed,
  ) {
    const revision = formRevision(formBody(request));
    try {
      await change(revision);
    } catch (error) {
      // The input classes' refusals go beside the fields they name, in the page's words.
      const { reader } = onRefusal;
      if (reader && onRefusal.form === 'question' && optionCountRefused(error))
        reader.fail('options', 'quizAuthor.error.options', { max: MAX_OPTIONS });
      if (
        reader?.refusedBy(
          error,
          onRefusal.form === 'question' ? 'prompt' : 'title',
          onRefusal.form === 'question' ? 'question' : undefined,
        )
      ) {
        return this.failed(request, reply, course, {
          form: onRefusal.form,
          values: reader.values,
          errors: reader.errors,
          revision,
        });
      }
      const refused = draftRefusal(error, pageLanguage(request));
      if (!refused) throw error;
      const shown = refused.stale ? await this.courses.getDraft(request.user!, course.id) : course;
      const field = onRefusal.form === 'question' ? 'prompt' : 'questionCount';
      const errors = onRefusal.form === 'list' || refused.stale ? undefined : { [field]: refused.message };
      return this.failed(request, reply, shown, {
        ...onRefusal,
        errors,
        message: errors ? undefined : refused.message,
        status: refused.status,
        revision: refused.stale ? undefined : revision,
      });
    }
    const { query } = quizTarget(request, course);
    return reply.redirect(
      `/author/courses/${course.id}/quiz?${query ? `${query}&` : ''}notice=${notice}#${anchor}`,
      303,
    );
  }

  private failed(request: FastifyRequest, reply: FastifyReply, course: AuthoredCourseView, failed: Failed) {
    return this.renderPage(request, reply, course, failed, failed.status ?? 422);
  }

  private renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    course: AuthoredCourseView,
    failed?: Failed,
    status = 200,
  ) {
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
    const questionValues = questionForm?.values ?? { type: 'single', points: '1' };
    const quizValues = quizForm?.values ?? {
      title:
        quiz?.title ??
        (moduleTitle
          ? translate(lang, 'quizAuthor.defaultModuleTitle', { module: moduleTitle })
          : translate(lang, 'quizAuthor.defaultTitle')),
      passMarkPercent: String(quiz?.passMarkPercent ?? 70),
      timeLimitMinutes: String(quiz?.timeLimitMinutes ?? 30),
      maxAttempts: String(quiz?.maxAttempts ?? 3),
      questionCount: String(quiz?.draws[0]?.count ?? Math.min(questions.length, 10)),
      showAnswers: quiz?.showAnswers ?? DEFAULT_SHOW_ANSWERS,
      offlineDays: quiz?.offlineDays ? String(quiz.offlineDays) : '',
    };
    const title = moduleTitle
      ? translate(lang, 'quizAuthor.moduleTitle', { module: moduleTitle })
      : translate(lang, 'quizAuthor.title', { title: draft.title });
    const action = (path = '') => `/author/courses/${course.id}/quiz${path}${query ? `?${query}` : ''}`;
    return this.pages.render(
      request,
      reply,
      'author-quiz.hbs',
      title,
      {
        heading: title,
        revision: failed?.revision ?? course.revision,
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
          options: (q.options ?? []).map((text, index) => ({
            text,
            right: answerIncludes(q.correct, index) && q.type !== 'ordering',
          })),
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
          errorList: errorList('question', questionForm?.errors),
          message: questionForm?.message,
          types: QUESTION_TYPES.map((type) => ({
            value: type,
            label: translate(lang, `quizAuthor.type.${type}`),
            selected: questionValues.type === type,
          })),
        },
        quiz: {
          exists: !!quiz,
          values: quizValues,
          errors: quizForm?.errors ?? {},
          errorList: errorList('quiz', quizForm?.errors),
          message: quizForm?.message,
          bankSize: questions.length,
          canSave: questions.length > 0,
          showAnswersChoices: SHOW_ANSWERS.map((value) => ({
            value,
            label: translate(lang, `quizAuthor.showAnswers.${value}`),
            checked: quizValues.showAnswers === value,
          })),
        },
      },
      { status },
    );
  }
}

/** Too few or too many options: said as the form asks for them ("2 to 20, one per line"). */
function optionCountRefused(error: unknown): boolean {
  return (
    error instanceof ValidationProblemException &&
    error.rules.some(
      ({ field, rule }) => field === 'question.options' && (rule === 'arrayMinSize' || rule === 'arrayMaxSize'),
    )
  );
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
      return translate(lang, q.tolerance ? 'quizAuthor.answer.numericTolerance' : 'quizAuthor.answer.numeric', {
        value: String(q.correct),
        tolerance: String(q.tolerance ?? 0),
      });
    case 'text':
      return translate(lang, 'quizAuthor.answer.text', { answers: (q.correct as string[]).join(' · ') });
    case 'ordering':
      return translate(lang, 'quizAuthor.answer.ordering');
    default:
      return undefined;
  }
}
