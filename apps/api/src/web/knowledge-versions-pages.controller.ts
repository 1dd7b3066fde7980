// A knowledge document's versions, for those who edit it: the list, and restoring an older one as a
// new version (DocumentVersionsService).
import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentVersionsService, KnowledgeDocumentsService } from '@chadavkhi/knowledge';
import { Language, translate } from './i18n';
import { knowledgePageOptions } from './knowledge-document-page';
import { formatDate } from './learning-display';
import { PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Controller('knowledge/documents/:id/versions')
export class KnowledgeVersionsPagesController {
  constructor(
    private readonly documents: KnowledgeDocumentsService,
    private readonly versions: DocumentVersionsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async versionsPage(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const [doc, list] = await Promise.all([this.documents.get(user, id), this.versions.list(user, id)]);
    const notice = params.notice === 'restored' ? translate(lang, 'knowledge.notice.restored') : undefined;
    return this.pages.render(
      request,
      reply,
      'knowledge-versions.hbs',
      translate(lang, 'knowledge.versions.title'),
      {
        docTitle: doc.title,
        docHref: `/knowledge/documents/${id}`,
        notice,
        versions: list.map((v) => ({
          version: v.version,
          label: translate(lang, 'author.versionN', { version: v.version }),
          when: formatDate(lang, v.createdAt, true),
          iso: v.createdAt,
          note: v.note,
          current: v.version === doc.editor?.currentVersion,
          published: v.version === doc.editor?.publishedVersion,
          restoreAction:
            v.version !== doc.editor?.currentVersion
              ? `/knowledge/documents/${id}/versions/${v.version}/restore`
              : undefined,
        })),
      },
      knowledgePageOptions(request),
    );
  }

  @Post(':version/restore')
  async restore(
    @UuidParam('id') id: string,
    @Param('version') version: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!/^\d{1,6}$/.test(version)) throw new NotFoundException('No such version.');
    await this.versions.restore(request.user!, id, Number(version));
    return reply.redirect(`/knowledge/documents/${id}/versions?notice=restored`, 303);
  }
}
