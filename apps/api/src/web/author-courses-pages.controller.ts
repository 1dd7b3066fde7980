// A trainer's courses: the list of drafts they may edit, and the form that starts a new one.
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';
import { PageQuery } from '@chadavkhi/platform';
import { courseLanguageOptions, readNewCourse } from './course-forms';
import { errorList, FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';

const COURSES_PAGE_SIZE = 20;

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author')
export class AuthorCoursesPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.renderList(request, reply, lang, pageNumber(params.page));
  }

  @Post('courses')
  async create(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { form, course } = readNewCourse(body, lang);
    try {
      const created = await this.courses.create(request.user!, course);
      return reply.redirect(`/author/courses/${created.id}?notice=created`, 303);
    } catch (error) {
      if (form.refusedBy(error, 'title')) return this.renderList(request, reply, lang, 1, { status: 422, form });
      const refused = pageRefusal(error);
      if (!refused) throw error;
      form.fail('title', 'author.refused', { message: refused.message });
      return this.renderList(request, reply, lang, 1, { status: refused.status, form });
    }
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    page: number,
    failed?: { status: number; form: FormReader },
  ) {
    const mine = await this.courses.mine(
      request.user!,
      Object.assign(new PageQuery(), { page, limit: COURSES_PAGE_SIZE }),
    );
    const values = failed?.form.values ?? { language: 'mn' };
    return this.pages.render(
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
        errorList: errorList('new', failed?.form.errors),
        languageOptions: courseLanguageOptions(lang, values.language),
        pagePath: '/author',
      },
      { status: failed?.status },
    );
  }
}
