// Public comments on knowledge documents: anyone may comment on a published public document (no
// sign-in), and the owning agency answers them from its inbox. The rules stay in CommentsService.
import { Controller, Get, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommentsService } from '@chadavkhi/knowledge';
import { AppConfig, PageQuery, Public } from '@chadavkhi/platform';
import { FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { KnowledgeDocumentPage, knowledgePageOptions } from './knowledge-document-page';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';
import { assertSameOrigin } from './web-request';

const PAGE_SIZE = 10;
const STATES = ['open', 'overdue', 'answered', 'all'] as const;

@ApiExcludeController()
@Controller('knowledge')
export class KnowledgeCommentsPagesController {
  constructor(
    private readonly comments: CommentsService,
    private readonly document: KnowledgeDocumentPage,
    private readonly pages: PageRenderer,
    private readonly config: AppConfig,
  ) {}

  @Post('documents/:id/comments')
  @Public()
  async comment(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertSameOrigin(request, this.config);
    const form = new FormReader(body, lang);
    const dto = { name: form.text('name'), email: form.text('email') || undefined, body: form.text('body') };
    try {
      await this.comments.create(request.user, id, dto, request.ip);
    } catch (error) {
      if (form.refusedBy(error, 'body'))
        return this.document.render(request, reply, id, {
          status: 422,
          comment: { values: form.values, errors: form.errors },
        });
      const refused = pageRefusal(error, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.FORBIDDEN);
      if (!refused) throw error;
      if (refused.retryAfter) reply.header('retry-after', String(refused.retryAfter));
      const message =
        refused.status === HttpStatus.TOO_MANY_REQUESTS
          ? translate(lang, 'knowledge.comment.tooMany')
          : translate(lang, 'author.refused', { message: refused.message });
      form.fail('body', 'knowledge.comment.refused', { message });
      return this.document.render(request, reply, id, {
        status: refused.status,
        comment: { values: form.values, errors: form.errors },
      });
    }
    return reply.redirect(`/knowledge/documents/${id}?notice=commented#comments`, 303);
  }

  @Get('comments')
  async agencyComments(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const state = STATES.find((s) => s === params.state) ?? 'open';
    const page = pageNumber(params.page);
    const found = await this.comments.forAgency(
      request.user!,
      Object.assign(new PageQuery(), { state, page, limit: PAGE_SIZE }) as never,
    );
    const notice = params.notice === 'answered' ? translate(lang, 'knowledge.notice.answered') : undefined;
    return this.pages.render(
      request,
      reply,
      'knowledge-comments.hbs',
      translate(lang, 'knowledge.comments.title'),
      {
        notice,
        states: STATES.map((s) => ({
          href: `/knowledge/comments?state=${s}`,
          text: translate(lang, `knowledge.comments.${s}`),
          current: s === state,
        })),
        countText: translate(lang, 'knowledge.comments.count', { count: found.total }),
        items: found.items.map((c) => ({
          id: c.id,
          docTitle: c.documentTitle,
          docHref: c.documentId
            ? `/knowledge/documents/${c.documentId}#comments`
            : `/open-data/plans/${c.subjectId}#comments`,
          name: c.name,
          when: formatDate(lang, c.createdAt, true),
          body: c.body,
          response: c.response,
          overdue: !c.respondedAt && Date.parse(c.dueAt) < Date.now(),
          dueText: translate(lang, 'knowledge.comment.due', { date: formatDate(lang, c.dueAt) }),
          action: `/knowledge/comments/${c.id}/response`,
        })),
        pager: pagerModel(lang, '/knowledge/comments', { state }, page, PAGE_SIZE, found.total),
      },
      knowledgePageOptions(request),
    );
  }

  /** The service holds the response's bounds; an empty answer is not sent at all. */
  @Post('comments/:commentId/response')
  async respond(
    @UuidParam('commentId') commentId: string,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const response = typeof body.response === 'string' ? body.response.trim() : '';
    if (!response) throw new HttpException({ message: 'Write the response first.' }, HttpStatus.UNPROCESSABLE_ENTITY);
    await this.comments.respond(request.user!, commentId, response);
    return reply.redirect('/knowledge/comments?notice=answered', 303);
  }
}
