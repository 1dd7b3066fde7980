// A trainer's courses: the list of drafts they may edit, and the forms that start a new one (blank, or from a SCORM package).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { zipSync } from 'fflate';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import { CoursesService, scormCourseFields, ScormImportService, ScormUploadRoute } from '@chadavkhi/learning';
import { AppConfig, PageQuery } from '@chadavkhi/platform';
import { courseLanguageOptions, readNewCourse } from './course-forms';
import { errorList, FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';
import { scormRefusal } from './scorm-refusal-display';
import { contentPath } from './content-file';

const COURSES_PAGE_SIZE = 20;

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author')
export class AuthorCoursesPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly packages: ScormImportService,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
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

  /**
   * A small SCORM 1.2 package to try the import and the player with (content/samples/
   * scorm-ethics-refresher, zipped here: a few kilobytes), for a trainer with no package at hand.
   */
  @Get('samples/scorm-package.zip')
  samplePackage(@Res() reply: FastifyReply) {
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', 'attachment; filename="chadavkhi-sample-scorm12.zip"')
      .send(samplePackageZip());
  }

  /** A new course from a SCORM package (multipart, the zip as "file"); a refusal is said beside the form. */
  @Post('courses/from-scorm-package')
  @ScormUploadRoute()
  async createFromPackage(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const values = {
      title: typeof body.title === 'string' ? body.title : '',
      language: body.language === 'en' ? 'en' : 'mn',
      estimatedMinutes: typeof body.estimatedMinutes === 'string' ? body.estimatedMinutes : '',
    };
    try {
      const created = await this.packages.importCourse(request.user!, scormCourseFields(body));
      return reply.redirect(`/author/courses/${created.course.id}?notice=createdFromPackage`, 303);
    } catch (error) {
      const refused = scormRefusal(error, lang, this.config.SCORM_MAX_PACKAGE_BYTES);
      if (!refused) throw error;
      return this.renderList(request, reply, lang, 1, undefined, {
        status: refused.status,
        message: refused.message,
        values,
      });
    }
  }

  private async renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    page: number,
    failed?: { status: number; form: FormReader },
    packageFailed?: { status: number; message: string; values: Record<string, string> },
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
        fromPackage: {
          error: packageFailed?.message,
          values: packageFailed?.values ?? {},
          languageOptions: courseLanguageOptions(lang, packageFailed?.values.language ?? 'mn'),
          hint: translate(lang, 'author.fromPackageHint', {
            mib: Math.round(this.config.SCORM_MAX_PACKAGE_BYTES / 1048576),
          }),
        },
        pagePath: '/author',
      },
      { status: failed?.status ?? packageFailed?.status },
    );
  }
}

const SAMPLE_PACKAGE = contentPath('samples', 'scorm-ethics-refresher');
let sampleZip: Uint8Array | undefined;

/** The sample package's folder as a zip, made once (its files sit at the top, the manifest first). */
function samplePackageZip(): Buffer {
  sampleZip ??= zipSync(
    Object.fromEntries(
      readdirSync(SAMPLE_PACKAGE)
        .sort((a, b) => (a === 'imsmanifest.xml' ? -1 : b === 'imsmanifest.xml' ? 1 : a.localeCompare(b)))
        .map((name) => [name, new Uint8Array(readFileSync(join(SAMPLE_PACKAGE, name)))]),
    ),
  );
  return Buffer.from(sampleZip);
}
