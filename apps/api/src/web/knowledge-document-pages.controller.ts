// Reading a knowledge document (anyone may read a public one), and its workflow buttons for those who
// edit or review it: submit, publish, approve, reject, archive. The rules stay in DocumentReviewService.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentReviewService } from '@chadavkhi/knowledge';
import { Public } from '@chadavkhi/platform';
import { FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { KnowledgeDocumentPage } from './knowledge-document-page';
import { Form, PageLanguage, UuidParam } from './page-request.decorators';

type WorkflowAction = 'submit' | 'publish' | 'approve' | 'reject' | 'archive';

const NOTICE: Record<WorkflowAction, string> = {
  submit: 'submitted',
  publish: 'published',
  approve: 'approved',
  reject: 'rejected',
  archive: 'archived',
};

@ApiExcludeController()
@Controller('knowledge/documents/:id')
export class KnowledgeDocumentPagesController {
  constructor(
    private readonly review: DocumentReviewService,
    private readonly page: KnowledgeDocumentPage,
  ) {}

  @Get()
  @Public()
  async document(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page.render(request, reply, id, {});
  }

  @Post('submit')
  submit(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.workflow('submit', id, { lang, body, request, reply });
  }

  @Post('publish')
  publish(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.workflow('publish', id, { lang, body, request, reply });
  }

  @Post('approve')
  approve(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.workflow('approve', id, { lang, body, request, reply });
  }

  @Post('reject')
  reject(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.workflow('reject', id, { lang, body, request, reply });
  }

  @Post('archive')
  archive(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.workflow('archive', id, { lang, body, request, reply });
  }

  private async workflow(
    action: WorkflowAction,
    id: string,
    {
      lang,
      body,
      request,
      reply,
    }: { lang: Language; body: Record<string, unknown>; request: FastifyRequest; reply: FastifyReply },
  ) {
    const user = request.user!;
    const form = new FormReader(body, lang);
    const note = form.text('note') || undefined;
    // The version the reviewer saw (a hidden field of the page); anything else names no version.
    const seen = form.raw('version').trim();
    const version = /^\d+$/.test(seen) ? Number(seen) : 0;
    try {
      if (action === 'submit') await this.review.submit(user, id);
      if (action === 'publish') await this.review.publish(user, id, request.ip);
      if (action === 'approve') await this.review.approve(user, id, version, note, request.ip);
      if (action === 'reject') await this.review.reject(user, id, note, request.ip);
      if (action === 'archive') await this.review.archive(user, id, request.ip);
    } catch (error) {
      if (form.refusedBy(error, 'note'))
        return this.page.render(request, reply, id, { status: 422, actionError: form.errors.note });
      const refused = pageRefusal(error, HttpStatus.TOO_MANY_REQUESTS);
      if (!refused) throw error;
      const message =
        refused.slug === 'review-version-changed' || refused.slug === 'not-in-review'
          ? translate(lang, `knowledge.refused.${refused.slug}`)
          : translate(lang, 'author.refused', { message: refused.message });
      return this.page.render(request, reply, id, { status: refused.status, actionError: message });
    }
    return reply.redirect(`/knowledge/documents/${id}?notice=${NOTICE[action]}`, 303);
  }
}
