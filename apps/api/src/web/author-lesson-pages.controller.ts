// The lesson editor: one lesson of a course's draft, with a server-side preview of its text as
// learners will see it. Saving goes through DraftEditsService at the revision the form was shown.
import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import {
  AuthoredCourseView,
  CoursesService,
  DraftEditsService,
  findLesson,
  renderLessonMarkdown,
} from '@chadavkhi/learning';
import { readLessonForm } from './course-forms';
import { draftRefusal, formRevision } from './draft-refusal';
import { errorList, FieldErrors } from './form-fields';
import { Language, translate } from './i18n';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

interface LessonState {
  status?: number;
  values: Record<string, string>;
  errors?: FieldErrors;
  preview?: string;
  notice?: string;
  revision?: number;
  current?: { title: string; body: string };
}

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author/courses/:id/lessons/:lessonId')
export class AuthorLessonPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly edits: DraftEditsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async lessonEditor(
    @UuidParam('id') id: string,
    @Param('lessonId') lessonId: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const course = await this.courses.getDraft(request.user!, id);
    const found = findLesson(course.draft.modules, lessonId);
    if (!found) throw new NotFoundException('This draft has no such lesson.');
    const { lesson } = found;
    const values = {
      title: lesson.title,
      required: lesson.required ? 'on' : '',
      videoUrl: lesson.videoUrl ?? '',
      body: lesson.body,
    };
    const notice = params.notice;
    return this.renderLesson(request, reply, lang, course, lessonId, {
      values,
      notice: notice === 'saved' || notice === 'lessonAdded' ? notice : undefined,
    });
  }

  /** "Preview" shows the typed text rendered as learners will see it, and saves nothing; "Save" saves. */
  @Post()
  async saveLesson(
    @UuidParam('id') id: string,
    @Param('lessonId') lessonId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, lesson } = readLessonForm(body, lang);
    const course = await this.courses.getDraft(request.user!, id);
    if (!findLesson(course.draft.modules, lessonId)) throw new NotFoundException('This draft has no such lesson.');
    const revision = formRevision(body);
    if (body.action === 'preview') {
      return this.renderLesson(request, reply, lang, course, lessonId, {
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
        return this.renderLesson(request, reply, lang, course, lessonId, {
          status: 422,
          values: form.values,
          errors: form.errors,
          revision,
        });
      const refused = draftRefusal(error, lang);
      if (!refused) throw error;
      form.errors.body = refused.message;
      if (!refused.stale)
        return this.renderLesson(request, reply, lang, course, lessonId, {
          status: refused.status,
          values: form.values,
          errors: form.errors,
          revision,
        });
      // What was typed stays in the form; the lesson as now saved is shown beside it, at the new revision.
      const current = await this.courses.getDraft(request.user!, id);
      const now = findLesson(current.draft.modules, lessonId);
      if (!now) throw new NotFoundException('This draft no longer has this lesson.');
      return this.renderLesson(request, reply, lang, current, lessonId, {
        status: refused.status,
        values: form.values,
        errors: form.errors,
        current: { title: now.lesson.title, body: now.lesson.body },
      });
    }
    return reply.redirect(`/author/courses/${id}/lessons/${lessonId}?notice=saved`, 303);
  }

  private renderLesson(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    course: AuthoredCourseView,
    lessonId: string,
    state: LessonState,
  ) {
    const found = findLesson(course.draft.modules, lessonId)!;
    const errors = state.errors ?? {};
    const heading = translate(lang, 'author.lesson.title', { title: found.lesson.title });
    return this.pages.render(
      request,
      reply,
      'author-lesson.hbs',
      heading,
      {
        heading,
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
        errorList: errorList('lesson', errors),
        preview: state.preview !== undefined ? { html: state.preview, empty: state.preview.trim() === '' } : undefined,
        notice: state.notice ? translate(lang, `author.notice.${state.notice}`) : undefined,
        pagePath: `/author/courses/${course.id}/lessons/${lessonId}`,
      },
      { status: state.status },
    );
  }
}
