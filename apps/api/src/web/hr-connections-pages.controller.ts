// Connected HR systems (/hr/connections): the list, connecting one (the token is shown on the page
// that answers the form, once, never in an address), and revoking. Plain forms; the service decides
// who may. A page connects the officer's own agency (its subtree); the API takes any agency in scope.
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageQuery } from '@chadavkhi/platform';
import { AuthUser, Roles, ScimConnectionsService } from '@chadavkhi/identity';
import { errorList, FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { pageNumber, pagerModel } from './pager';

const PAGE_SIZE = 25;

@ApiExcludeController()
@Roles('hr_officer', 'admin')
@Controller('hr/connections')
export class HrConnectionsPagesController {
  constructor(
    private readonly connections: ScimConnectionsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const done = params.done === 'revoked' ? translate(lang, 'scim.done.revoked') : undefined;
    return this.render(request, reply, lang, pageNumber(params.page), { notice: done });
  }

  @Post()
  async create(
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const actor = request.user as AuthUser;
    const form = new FormReader(body, lang);
    const name = form.text('name');
    try {
      const made = await this.connections.create(actor, { name, agencyId: actor.agencyId }, request.ip);
      return this.render(request, reply, lang, 1, { created: { name: made.name, token: made.token } });
    } catch (error) {
      if (form.refusedBy(error, 'name')) return this.render(request, reply, lang, 1, { status: 422, form });
      const refused = pageRefusal(error, 403);
      if (!refused) throw error;
      form.fail('name', 'scim.refused', { message: refused.message });
      return this.render(request, reply, lang, 1, { status: refused.status, form });
    }
  }

  @Post(':id/revoke')
  async revoke(
    @UuidParam('id', 'No connected system with this id is visible to you.') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.connections.revoke(request.user as AuthUser, id, request.ip);
    return reply.redirect('/hr/connections?done=revoked', 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    page: number,
    extra: { status?: number; form?: FormReader; notice?: string; created?: { name: string; token: string } } = {},
  ) {
    const actor = request.user as AuthUser;
    const found = await this.connections.list(actor, Object.assign(new PageQuery(), { page, limit: PAGE_SIZE }));
    const date = (iso: string | null) => (iso ? formatDate(lang, iso, true) : translate(lang, 'scim.never'));
    return this.pages.render(
      request,
      reply,
      'hr-connections.hbs',
      translate(lang, 'scim.title'),
      {
        lead: translate(lang, 'scim.lead', { agency: actor.profile.agency.name[lang] }),
        notice: extra.notice,
        created: extra.created && {
          heading: translate(lang, 'scim.token.heading', { name: extra.created.name }),
          token: extra.created.token,
        },
        connections: found.items.map((c) => ({
          name: c.name,
          agencyCode: c.agencyCode,
          tokenHint: c.tokenHint,
          createdText: date(c.createdAt),
          lastUsedText: date(c.lastUsedAt),
          stateText: c.revokedAt
            ? translate(lang, 'scim.revoked', { date: formatDate(lang, c.revokedAt, true) })
            : translate(lang, 'scim.active'),
          revokeAction: c.revokedAt ? undefined : `/hr/connections/${c.id}/revoke`,
          revokeLabel: translate(lang, 'scim.revoke', { name: c.name }),
        })),
        pager: pagerModel(lang, '/hr/connections', {}, page, PAGE_SIZE, found.total),
        values: extra.form?.values ?? {},
        errors: extra.form?.errors ?? {},
        errorList: errorList('new', extra.form?.errors),
        pagePath: '/hr/connections',
      },
      { status: extra.status ?? 200 },
    );
  }
}
