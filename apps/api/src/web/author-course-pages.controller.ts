// One course's draft in the trainer's editor: its details, its outline (modules and lessons) and
// publishing it as a version. Each change is a small form carrying the draft revision it was shown:
// CoursesService or DraftEditsService makes the change (or refuses it when someone else saved the
// draft since), and the page comes back with a notice.
import { Controller, Get, HttpStatus, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import {
  AuthoredCourseView,
  CoursesService,
  DraftEditsService,
  findLesson,
  ScormImportService,
  ScormUploadRoute,
} from '@chadavkhi/learning';
import { AppConfig } from '@chadavkhi/platform';
import { courseLanguageOptions, readCourseDetails, readTitle } from './course-forms';
import { draftRefusal, formRevision } from './draft-refusal';
import { errorList, FieldErrors, formBody, FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { scormRefusal } from './scorm-refusal-display';
import { pageLanguage } from './web-request';

/** Notices a redirect may ask the next page to show (?notice=…); anything else is ignored. */
const NOTICES = [
  'created',
  'createdFromPackage',
  'saved',
  'moduleAdded',
  'moduleRenamed',
  'lessonAdded',
  'packageAdded',
  'lessonMoved',
  'lessonDeleted',
  'published',
] as const;

type OutlineForm = 'addModule' | `rename:${string}` | `addLesson:${string}` | `addPackage:${string}`;

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
@Controller('author/courses/:id')
export class AuthorCoursePagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly edits: DraftEditsService,
    private readonly packages: ScormImportService,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async edit(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderEdit(request, reply, id, {});
  }

  @Post()
  async saveDetails(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, details } = readCourseDetails(body, lang);
    try {
      await this.courses.updateDraft(request.user!, id, { ...details, revision: formRevision(body) });
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

  @Post('modules')
  async addModule(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, title } = readTitle(body, lang);
    return this.changeOutline(request, reply, id, 'addModule', form, async (revision) => {
      await this.edits.addModule(request.user!, id, { title, revision });
      return `/author/courses/${id}?notice=moduleAdded#outline`;
    });
  }

  @Post('modules/:moduleId/rename')
  async renameModule(
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, title } = readTitle(body, lang);
    return this.changeOutline(request, reply, id, `rename:${moduleId}`, form, async (revision) => {
      await this.edits.renameModule(request.user!, id, moduleId, { title, revision });
      return `/author/courses/${id}?notice=moduleRenamed#module-${moduleId}`;
    });
  }

  /** Adds a lesson with no text yet and opens it in the lesson editor. */
  @Post('modules/:moduleId/lessons')
  async addLesson(
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, title } = readTitle(body, lang);
    return this.changeOutline(request, reply, id, `addLesson:${moduleId}`, form, async (revision) => {
      const { lessonId } = await this.edits.addLesson(request.user!, id, moduleId, { title, revision });
      return `/author/courses/${id}/lessons/${lessonId}?notice=lessonAdded`;
    });
  }

  /** A SCORM package (multipart, the zip as "file") as a new lesson at the end of the module; a refusal is said beside the form. */
  @Post('modules/:moduleId/scorm-packages')
  @ScormUploadRoute()
  async addPackage(
    @UuidParam('id') id: string,
    @UuidParam('moduleId') moduleId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.packages.importLesson(request.user!, id, moduleId, {
        bytes: Buffer.isBuffer(body.file) && body.file.length ? body.file : undefined,
        revision: formRevision(body),
      });
      return reply.redirect(`/author/courses/${id}?notice=packageAdded#module-${moduleId}`, 303);
    } catch (error) {
      const refused = scormRefusal(error, lang, this.config.SCORM_MAX_PACKAGE_BYTES);
      if (!refused) throw error;
      return this.renderEdit(request, reply, id, {
        status: refused.status,
        outline: { form: `addPackage:${moduleId}`, message: refused.message, value: '' },
      });
    }
  }

  @Post('lessons/:lessonId/move')
  async moveLesson(
    @UuidParam('id') id: string,
    @UuidParam('lessonId') lessonId: string,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const direction = body.direction === 'up' ? 'up' : 'down';
    return this.changeOutline(request, reply, id, undefined, undefined, async (revision) => {
      await this.edits.moveLesson(request.user!, id, lessonId, { direction, revision });
      return `/author/courses/${id}?notice=lessonMoved#lesson-${lessonId}`;
    });
  }

  /** Asks first (a page with the lesson's title), then deletes when the form says confirm=yes. */
  @Post('lessons/:lessonId/delete')
  async deleteLesson(
    @UuidParam('id') id: string,
    @UuidParam('lessonId') lessonId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (body.confirm !== 'yes') {
      const course = await this.courses.getDraft(request.user!, id);
      const found = findLesson(course.draft.modules, lessonId);
      if (!found) throw new NotFoundException('This draft has no such lesson.');
      return this.pages.render(request, reply, 'author-delete.hbs', translate(lang, 'author.delete.title'), {
        courseTitle: course.draft.title,
        courseHref: `/author/courses/${id}`,
        question: translate(lang, 'author.delete.question', { title: found.lesson.title }),
        action: `/author/courses/${id}/lessons/${lessonId}/delete`,
        // The revision the outline was shown at, so a deletion confirmed after someone else's change is refused.
        revision: formRevision(body) ?? course.revision,
        packageHint: translate(lang, 'author.addPackageHint', {
          mib: Math.round(this.config.SCORM_MAX_PACKAGE_BYTES / 1048576),
        }),
        pagePath: `/author/courses/${id}`,
      });
    }
    return this.changeOutline(request, reply, id, undefined, undefined, async (revision) => {
      await this.edits.deleteLesson(request.user!, id, lessonId, { revision });
      return `/author/courses/${id}?notice=lessonDeleted#outline`;
    });
  }

  @Post('publish')
  async publish(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const { version } = await this.courses.publish(request.user!, id, request.ip);
      return reply.redirect(`/author/courses/${id}?notice=published&version=${version}`, 303);
    } catch (error) {
      const refused = pageRefusal(error);
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
    const params = (request.query as Record<string, unknown> | undefined) ?? {};
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
    return this.pages.render(
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
          errorList: errorList('course', details.errors),
        },
        languageOptions: courseLanguageOptions(lang, details.values.language),
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
          addPackageError: outline?.form === `addPackage:${m.id}` ? outline.message : undefined,
          lessons: m.lessons.map((l, li) => ({
            id: l.id,
            title: l.title,
            optional: !l.required,
            isPackage: !!l.scormPackage,
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
        packageResultsHref:
          course.currentVersion && draft.modules.some((m) => m.lessons.some((l) => l.scormPackage))
            ? `/author/courses/${id}/package-results`
            : undefined,
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
      { status: state.status },
    );
  }
}
