// What learners answered inside a course's SCORM packages, for its trainers: per package lesson and
// interaction, how many answered, the share correct and the responses (learning's ScormResultsService).
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '@chadavkhi/identity';
import { ScormResultsService } from '@chadavkhi/learning';
import { Language, translate } from './i18n';
import { PageLanguage, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Roles('trainer', 'admin')
@Controller('author/courses/:id/package-results')
export class AuthorPackageResultsPageController {
  constructor(
    private readonly results: ScormResultsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async packageResults(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const results = await this.results.results(request.user!, id);
    const heading = translate(lang, 'results.packages.title', { title: results.title });
    return this.pages.render(request, reply, 'author-package-results.hbs', heading, {
      heading,
      courseHref: `/author/courses/${id}`,
      lessons: results.lessons.map((lesson, n) => ({
        headingId: `package-${n}`,
        title: lesson.title,
        interactions: lesson.interactions.map((i) => ({
          id: i.id,
          answered: i.answered,
          correctText: `${i.correctPercent}%`,
          correct: i.correctPercent,
          responses: i.responses.map((r) => `${r.response || '–'} (${r.count})`).join(', '),
        })),
      })),
    });
  }
}
