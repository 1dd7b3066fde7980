// Trainer pages: my courses, a new draft, the course editor (details, outline, publish, versions),
// the lesson editor with a server-side preview, and version comparison. Each change is a small
// form carrying the draft revision it was shown: DraftEditsService makes the change (or refuses it
// when someone else saved the draft since), and the page comes back with a notice.
import { Controller, Get, HttpStatus, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QuizResultsService } from '@chadavkhi/assessment';
import { AuthUser, Roles, TokenService } from '@chadavkhi/identity';
import {
  AuthoredCourseView,
  CoursesService,
  DraftEditsService,
  findLesson,
  renderLessonMarkdown,
} from '@chadavkhi/learning';
import { PageQuery } from '@chadavkhi/platform';
import { COURSE_LANGUAGES, readCourseDetails, readLessonForm, readNewCourse, readTitle } from './course-forms';
import { FieldErrors, FormReader, formBody, isUuid } from './form-fields';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { draftRefusal, formRevision } from './draft-refusal';
import { pageNumber, pagerModel } from './pager';
import { baseModel, pageLanguage } from './web-request';
import { versionDiffModel } from './version-diff-display';
import { formRefusal } from './form-refusal';

const COURSES_PAGE_SIZE = 20;
/** Notices a redirect may ask the next page to show (?notice=…); anything else is ignored. */
const NOTICES = [
  'created',
  'saved',
  'moduleAdded',
  'moduleRenamed',
  'lessonAdded',
  'lessonMoved',
  'lessonDeleted',
  'published',
] as const;

function uuidParam(value: string): string {
  if (!isUuid(value)) throw new NotFoundException('No such page.');
  return value;
}

function query(request: FastifyRequest): Record<string, unknown> {
  return (request.query as Record<string, unknown> | undefined) ?? {};
}

/** The message of a 409/422 from the service, or undefined for anything else (which is rethrown). */
const refusal = (error: unknown) => formRefusal(error, [HttpStatus.CONFLICT, HttpStatus.UNPROCESSABLE_ENTITY]);

type OutlineForm = 'addModule' | `rename:${string}` | `addLesson:${string}`;

interface EditState {
  status?: number;
  details?: { values: Record<string, string>; errors: FieldErrors };
  /** An outline form's error, shown beside that form with what was typed. */
  outline?: { form: OutlineForm; message: string; value: string };
  /** An outline change without a form of its own (move, delete) that could not be made. */
  outlineError?: string;
  publishError?: string;
  /** The revision the forms carry when it is not the draft's own (a form shown again with what was typed). */
  revision?: number;
}

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author')
export class AuthoringPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly edits: DraftEditsService,
    private readonly results: QuizResultsService,
    private readonly tokens: TokenService,
  ) {}

  // ---- my courses, new course ----

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderList(request, reply, pageNumber(query(request).page));
  }

  @Post('courses')
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const { form, course } = readNewCourse(formBody(request), lang);
    try {
      const created = await this.courses.create(request.user!, course);
      return reply.redirect(`/author/courses/${created.id}?notice=created`, 303);
    } catch (error) {
      if (form.refusedBy(error, 'title')) return this.renderList(request, reply, 1, { status: 422, form });
      const refused = refusal(error);
      if (!refused) throw error;
      form.fail('title', 'author.refused', { message: refused.message });
      return this.renderList(request, reply, 1, { status: refused.status, form });
    }
  }

  // ---- the course editor ----

  @Get('courses/:id')
  async edit(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderEdit(request, reply, uuidParam(id), {});
  }

  @Post('courses/:id')
  async saveDetails(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const body = formBody(request);
    const { form, details } = readCourseDetails(body, lang);
    try {
      await this.courses.updateDraft(request.user!, uuidParam(id), { ...details, revision: formRevision(body) });
    } catch (error) {
      if (form.refusedBy(error, 'title'))
        return this.renderEdit(request, reply, id, { status: 422, details: form, revision: formRevision(body) });
      const refused = draftRefusal(error, lang);
      if (!refused) throw error;
      form.errors.title = refused.message;
      return this.renderEdit(request, reply, id, {
        status: refused.status,
        details: form,
        revision: refused.stale ? undefined : formRevision(body),
      });
    }
    return reply.redirect(`/author/courses/${id}?notice=saved`, 303);
  }

  @Post('courses/:id/modules')
  async addModule(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { form, title } = readTitle(formBody(request), pageLanguage(request));
    return this.changeOutline(request, reply, uuidParam(id), 'addModule', form, async (revision) => {
      await this.edits.addModule(request.user!, id, { title, revision });
      return `/author/courses/${id}?notice=moduleAdded#outline`;
    });
  }

  @Post('courses/:id/modules/:moduleId/rename')
  async renameModule(
    @Param('id') id: string,
    @Param('moduleId') moduleId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, title } = readTitle(formBody(request), pageLanguage(request));
    return this.changeOutline(request, reply, uuidParam(id), `rename:${moduleId}`, form, async (revision) => {
      await this.edits.renameModule(request.user!, id, uuidParam(moduleId), { title, revision });
      return `/author/courses/${id}?notice=moduleRenamed#module-${moduleId}`;
    });
  }

  /** Adds a lesson with no text yet and opens it in the lesson editor. */
  @Post('courses/:id/modules/:moduleId/lessons')
  async addLesson(
    @Param('id') id: string,
    @Param('moduleId') moduleId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, title } = readTitle(formBody(request), pageLanguage(request));
    return this.changeOutline(request, reply, uuidParam(id), `addLesson:${moduleId}`, form, async (revision) => {
      const { lessonId } = await this.edits.addLesson(request.user!, id, uuidParam(moduleId), { title, revision });
      return `/author/courses/${id}/lessons/${lessonId}?notice=lessonAdded`;
    });
  }

  @Post('courses/:id/lessons/:lessonId/move')
  async moveLesson(
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const direction = formBody(request).direction === 'up' ? 'up' : 'down';
    return this.changeOutline(request, reply, uuidParam(id), undefined, undefined, async (revision) => {
      await this.edits.moveLesson(request.user!, id, uuidParam(lessonId), { direction, revision });
      return `/author/courses/${id}?notice=lessonMoved#lesson-${lessonId}`;
    });
  }

  /** Asks first (a page with the lesson's title), then deletes when the form says confirm=yes. */
  @Post('courses/:id/lessons/:lessonId/delete')
  async deleteLesson(
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const lang = pageLanguage(request);
    const body = formBody(request);
    if (body.confirm !== 'yes') {
      const course = await this.courses.getDraft(request.user!, uuidParam(id));
      const found = findLesson(course.draft.modules, lessonId);
      if (!found) throw new NotFoundException('This draft has no such lesson.');
      return this.render(request, reply, 'author-delete.hbs', translate(lang, 'author.delete.title'), {
        courseTitle: course.draft.title,
        courseHref: `/author/courses/${id}`,
        question: translate(lang, 'author.delete.question', { title: found.lesson.title }),
        action: `/author/courses/${id}/lessons/${lessonId}/delete`,
        // The revision the outline was shown at, so a deletion confirmed after someone else's change is refused.
        revision: formRevision(body) ?? course.revision,
        pagePath: `/author/courses/${id}`,
      });
    }
    return this.changeOutline(request, reply, uuidParam(id), undefined, undefined, async (revision) => {
      await this.edits.deleteLesson(request.user!, id, uuidParam(lessonId), { revision });
      return `/author/courses/${id}?notice=lessonDeleted#outline`;
    });
  }

  @Post('courses/:id/publish')
  async publish(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    try {
      const { version } = await this.courses.publish(request.user!, uuidParam(id), request.ip);
      return reply.redirect(`/author/courses/${id}?notice=published&version=${version}`, 303);
    } catch (error) {
      const refused = refusal(error);
      if (!refused) throw error;
      const course = await this.courses.getDraft(request.user!, id);
      const lessons = course.draft.modules.reduce((n, m) => n + m.lessons.length, 0);
      // The service explains in English; the two refusals a trainer meets most are said in the page's language.
      const message =
        refused.status === HttpStatus.CONFLICT
          ? translate(lang, 'author.publish.unchanged', { version: course.currentVersion })
          : lessons === 0
            ? translate(lang, 'author.publish.noLessons')
            : translate(lang, 'author.refused', { message: refused.message });
      return this.renderEdit(request, reply, id, { status: refused.status, publishError: message }, course);
    }
  }

  // ---- the lesson editor ----

  @Get('courses/:id/lessons/:lessonId')
  async lessonEditor(
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const course = await this.courses.getDraft(request.user!, uuidParam(id));
    const found = findLesson(course.draft.modules, lessonId);
    if (!found) throw new NotFoundException('This draft has no such lesson.');
    const { lesson } = found;
    const values = {
      title: lesson.title,
      required: lesson.required ? 'on' : '',
      videoUrl: lesson.videoUrl ?? '',
      body: lesson.body,
    };
    const notice = query(request).notice;
    return this.renderLesson(request, reply, course, lessonId, {
      values,
      notice: notice === 'saved' || notice === 'lessonAdded' ? notice : undefined,
    });
  }

  /** "Preview" shows the typed text rendered as learners will see it, and saves nothing; "Save" saves. */
  @Post('courses/:id/lessons/:lessonId')
  async saveLesson(
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const lang = pageLanguage(request);
    const body = formBody(request);
    const { form, lesson } = readLessonForm(body, lang);
    const course = await this.courses.getDraft(request.user!, uuidParam(id));
    if (!findLesson(course.draft.modules, lessonId)) throw new NotFoundException('This draft has no such lesson.');
    const revision = formRevision(body);
    if (body.action === 'preview') {
      return this.renderLesson(request, reply, course, lessonId, {
        values: form.values,
        errors: form.errors,
        preview: renderLessonMarkdown(lesson.body),
        revision,
      });
    }
    try {
      await this.edits.updateLesson(request.user!, id, lessonId, { ...lesson, revision });
    } catch (error) {
      if (form.refusedBy(error, 'body'))
        return this.renderLesson(request, reply, course, lessonId, {
          status: 422,
          values: form.values,
          errors: form.errors,
          revision,
        });
      const refused = draftRefusal(error, lang);
      if (!refused) throw error;
      form.errors.body = refused.message;
      if (!refused.stale)
        return this.renderLesson(request, reply, course, lessonId, {
          status: refused.status,
          values: form.values,
          errors: form.errors,
          revision,
        });
      // What was typed stays in the form; the lesson as now saved is shown beside it, at the new revision.
      const current = await this.courses.getDraft(request.user!, id);
      const now = findLesson(current.draft.modules, lessonId);
      if (!now) throw new NotFoundException('This draft no longer has this lesson.');
      return this.renderLesson(request, reply, current, lessonId, {
        status: refused.status,
        values: form.values,
        errors: form.errors,
        current: { title: now.lesson.title, body: now.lesson.body },
      });
    }
    return reply.redirect(`/author/courses/${id}/lessons/${lessonId}?notice=saved`, 303);
  }

  // ---- versions ----

  @Get('courses/:id/compare')
  async compare(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const user = request.user!;
    const [course, versions] = await Promise.all([
      this.courses.getDraft(user, uuidParam(id)),
      this.courses.versions(user, id),
    ]);
    const params = query(request);
    const asVersion = (value: unknown) =>
      typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : undefined;
    const latest = versions[0]?.version ?? 0;
    const to = asVersion(params.to) ?? latest;
    const from = asVersion(params.from) ?? to - 1;
    const known = new Set(versions.map((v) => v.version));
    let error: string | undefined;
    let status = 200;
    let diff;
    if (versions.length < 2) error = translate(lang, 'compare.needTwo');
    else if (!known.has(from) || !known.has(to))
      [error, status] = [translate(lang, 'compare.unknown', { from, to }), 404];
    else if (from === to) error = translate(lang, 'compare.same');
    else diff = versionDiffModel(lang, await this.courses.compare(user, id, { from, to }));
    const options = (selected: number) =>
      versions.map((v) => ({
        value: v.version,
        label: translate(lang, 'author.versionN', { version: v.version }),
        selected: v.version === selected,
      }));
    return this.render(
      request,
      reply,
      'author-compare.hbs',
      translate(lang, 'compare.title'),
      {
        courseTitle: course.draft.title,
        courseHref: `/author/courses/${id}`,
        action: `/author/courses/${id}/compare`,
        fromOptions: options(from),
        toOptions: options(to),
        canChoose: versions.length >= 2,
        error,
        diff,
      },
      status,
    );
  }

  // ---- quiz results ----

  /** How learners did on a quiz, and which questions need a look (item analysis). */
  @Get('courses/:id/quizzes/:quizId/results')
  async quizResults(
    @Param('id') id: string,
    @Param('quizId') quizId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const lang = pageLanguage(request);
    const results = await this.results.results(request.user!, uuidParam(quizId), uuidParam(id));
    const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
    return this.render(
      request,
      reply,
      'author-quiz-results.hbs',
      translate(lang, 'results.title', { title: results.title }),
      {
        heading: translate(lang, 'results.title', { title: results.title }),
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
      },
    );
  }

  // ---- rendering ----

  /**
   * Makes one outline change through DraftEditsService, at the revision the form was shown, and
   * redirects where it says. A title that breaks the service's input rules or a refusal from the service (a
   * limit, or 409 when someone else saved the draft since) comes back as the edit page, showing the
   * draft as it is now, with the message beside the form that sent it and what was typed kept.
   */
  private async changeOutline(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    formKey: OutlineForm | undefined,
    form: FormReader | undefined,
    change: (revision: number | undefined) => Promise<string>,
  ) {
    const failed = (status: number, message: string) =>
      this.renderEdit(
        request,
        reply,
        id,
        formKey
          ? { status, outline: { form: formKey, message, value: form?.values.title ?? '' } }
          : { status, outlineError: message },
      );
    try {
      return reply.redirect(await change(formRevision(formBody(request))), 303);
    } catch (error) {
      if (form?.refusedBy(error, 'title')) return failed(422, form.errors.title);
      const refused = draftRefusal(error, pageLanguage(request));
      if (!refused) throw error;
      return failed(refused.status, refused.message);
    }
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    page: number,
    failed?: { status: number; form: FormReader },
  ) {
    const lang = pageLanguage(request);
    const mine = await this.courses.mine(
      request.user!,
      Object.assign(new PageQuery(), { page, limit: COURSES_PAGE_SIZE }),
    );
    const values = failed?.form.values ?? { language: 'mn' };
    return this.render(
      request,
      reply,
      'author-courses.hbs',
      translate(lang, 'author.title'),
      {
        courses: mine.items.map((c) => ({
          title: c.draft.title,
          href: `/author/courses/${c.id}`,
          versionText: c.currentVersion
            ? translate(lang, 'author.versionN', { version: c.currentVersion })
            : translate(lang, 'author.neverPublished'),
          unpublished: c.hasUnpublishedChanges && c.currentVersion > 0,
          updatedText: translate(lang, 'author.updated', { date: formatDate(lang, c.updatedAt, true) }),
        })),
        pager: pagerModel(lang, '/author', {}, page, COURSES_PAGE_SIZE, mine.total),
        values,
        errors: failed?.form.errors ?? {},
        errorList: this.errorList('new', failed?.form.errors),
        languageOptions: this.languageOptions(lang, values.language),
        pagePath: '/author',
      },
      failed?.status,
    );
  }

  private async renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: EditState,
    loaded?: AuthoredCourseView,
  ) {
    const lang = pageLanguage(request);
    const user = request.user!;
    const [course, versions] = await Promise.all([
      loaded ?? this.courses.getDraft(user, id),
      this.courses.versions(user, id),
    ]);
    const draft = course.draft;
    const params = query(request);
    const notice = NOTICES.find((n) => n === params.notice);
    const details = state.details ?? {
      values: {
        title: draft.title,
        titleEn: draft.titleEn ?? '',
        summary: draft.summary,
        summaryEn: draft.summaryEn ?? '',
        language: draft.language,
        estimatedMinutes: String(draft.estimatedMinutes),
        validityMonths: draft.validityMonths ? String(draft.validityMonths) : '',
        competencyCodes: draft.competencyCodes.join(', '),
      },
      errors: {},
    };
    const outline = state.outline;
    const lessonCount = draft.modules.reduce((n, m) => n + m.lessons.length, 0);
    return this.render(
      request,
      reply,
      'author-course.hbs',
      draft.title,
      {
        courseTitle: draft.title,
        id,
        revision: state.revision ?? course.revision,
        statusText: course.currentVersion
          ? translate(lang, 'author.currentVersion', { version: course.currentVersion })
          : translate(lang, 'author.neverPublished'),
        unpublished: course.hasUnpublishedChanges && course.currentVersion > 0,
        catalogueHref: course.currentVersion ? `/courses/${id}` : undefined,
        notice: notice
          ? translate(lang, `author.notice.${notice}`, {
              version: typeof params.version === 'string' ? params.version.slice(0, 6) : '',
            })
          : undefined,
        publishError: state.publishError,
        outlineError: state.outlineError,
        details: {
          values: details.values,
          errors: details.errors,
          errorList: this.errorList('course', details.errors),
        },
        languageOptions: this.languageOptions(lang, details.values.language),
        lessonCountText: translate(lang, 'course.moduleLessonCount', {
          modules: draft.modules.length,
          lessons: lessonCount,
        }),
        modules: draft.modules.map((m, mi) => ({
          id: m.id,
          number: mi + 1,
          title: m.title,
          renameValue: outline?.form === `rename:${m.id}` ? outline.value : m.title,
          renameError: outline?.form === `rename:${m.id}` ? outline.message : undefined,
          addLessonValue: outline?.form === `addLesson:${m.id}` ? outline.value : '',
          addLessonError: outline?.form === `addLesson:${m.id}` ? outline.message : undefined,
          lessons: m.lessons.map((l, li) => ({
            id: l.id,
            title: l.title,
            optional: !l.required,
            editHref: `/author/courses/${id}/lessons/${l.id}`,
            canUp: mi > 0 || li > 0,
            canDown: mi < draft.modules.length - 1 || li < m.lessons.length - 1,
          })),
        })),
        quizzes: (draft.quizzes ?? []).map((q) => ({
          title: q.title,
          kindText: translate(lang, q.moduleId ? 'quiz.ofModule' : 'quiz.final', {
            module: draft.modules.find((m) => m.id === q.moduleId)?.title ?? '',
          }),
          resultsHref: course.currentVersion ? `/author/courses/${id}/quizzes/${q.id}/results` : undefined,
          editHref: `/author/courses/${id}/quiz${q.moduleId ? `?module=${q.moduleId}` : ''}`,
        })),
        addModuleValue: outline?.form === 'addModule' ? outline.value : '',
        addModuleError: outline?.form === 'addModule' ? outline.message : undefined,
        versions: versions.map((v) => ({
          version: v.version,
          label: translate(lang, 'author.versionN', { version: v.version }),
          when: formatDate(lang, v.publishedAt, true),
          iso: v.publishedAt,
          lessons: translate(lang, 'course.lessonCount', { count: v.lessonCount }),
          compareHref:
            v.version > 1 ? `/author/courses/${id}/compare?from=${v.version - 1}&to=${v.version}` : undefined,
          packHref: `/api/v1/courses/${id}/versions/${v.version}/pack.pdf`,
          // Only a version with a final quiz has an answer sheet to mark.
          markingKeyHref: v.hasFinalQuiz ? `/api/v1/courses/${id}/versions/${v.version}/marking-key.pdf` : undefined,
        })),
        pagePath: `/author/courses/${id}`,
        packLang: lang,
      },
      state.status,
    );
  }

  private renderLesson(
    request: FastifyRequest,
    reply: FastifyReply,
    course: AuthoredCourseView,
    lessonId: string,
    state: {
      status?: number;
      values: Record<string, string>;
      errors?: FieldErrors;
      preview?: string;
      notice?: string;
      revision?: number;
      current?: { title: string; body: string };
    },
  ) {
    const lang = pageLanguage(request);
    const found = findLesson(course.draft.modules, lessonId)!;
    const errors = state.errors ?? {};
    return this.render(
      request,
      reply,
      'author-lesson.hbs',
      translate(lang, 'author.lesson.title', { title: found.lesson.title }),
      {
        heading: translate(lang, 'author.lesson.title', { title: found.lesson.title }),
        courseTitle: course.draft.title,
        courseHref: `/author/courses/${course.id}`,
        moduleText: translate(lang, 'author.lesson.module', {
          module: found.module.title,
          position: found.lessonIndex + 1,
        }),
        action: `/author/courses/${course.id}/lessons/${lessonId}`,
        revision: state.revision ?? course.revision,
        current: state.current,
        values: state.values,
        errors,
        errorList: this.errorList('lesson', errors),
        preview: state.preview !== undefined ? { html: state.preview, empty: state.preview.trim() === '' } : undefined,
        notice: state.notice ? translate(lang, `author.notice.${state.notice}`) : undefined,
        pagePath: `/author/courses/${course.id}/lessons/${lessonId}`,
      },
      state.status,
    );
  }

  private languageOptions(lang: Language, selected: string | undefined) {
    return COURSE_LANGUAGES.map((l) => ({
      value: l,
      label: translate(lang, `language.${l}`),
      selected: selected === l,
    }));
  }

  /** A summary of a form's errors that links to each field (ids are `${prefix}-${field}`). */
  private errorList(prefix: string, errors: FieldErrors | undefined) {
    const list = Object.entries(errors ?? {}).map(([field, message]) => ({ href: `#${prefix}-${field}`, message }));
    return list.length ? list : undefined;
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    view: string,
    title: string,
    model: Record<string, unknown>,
    status = 200,
  ) {
    const lang = pageLanguage(request);
    const base = baseModel(request, lang, title);
    const currentPath = typeof model.pagePath === 'string' ? encodeURIComponent(model.pagePath) : base.currentPath;
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .view(view, { ...base, currentPath, ...model, csrfToken: this.tokens.csrfToken(request.user as AuthUser) });
  }
}
