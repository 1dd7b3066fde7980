// Comparing two published versions of a course, for its trainers: what changed between them.
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';
import { Language, translate } from './i18n';
import { PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { versionDiffModel } from './version-diff-display';

/** A version number as sent in ?from= or ?to=; anything else names none. */
const asVersion = (value: unknown) =>
  typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : undefined;

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author/courses/:id/compare')
export class AuthorComparePageController {
  constructor(
    private readonly courses: CoursesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async compare(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const [course, versions] = await Promise.all([this.courses.getDraft(user, id), this.courses.versions(user, id)]);
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
    return this.pages.render(
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
      { status },
    );
  }
}
