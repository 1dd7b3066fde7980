// /admin/sign-in: every agency with whether its people may sign in with a password, and a form to
// switch it (off also covers the agencies below). Administrators only; the service audits.
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AgenciesService, Roles } from '@chadavkhi/identity';
import { FormReader } from './form-fields';
import { Language, translate } from './i18n';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

type AgencyTreeNode = Awaited<ReturnType<AgenciesService['tree']>>[number];

@ApiExcludeController()
@Roles('admin')
@Controller('admin/sign-in')
export class SignInAdminPageController {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(
    @PageLanguage() lang: Language,
    @PageQueryParams() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const rows: Record<string, unknown>[] = [];
    const visit = (nodes: AgencyTreeNode[], offAbove: boolean) => {
      for (const a of nodes) {
        const name = a.name[lang];
        rows.push({
          id: a.id,
          name,
          indent: Math.min(a.depth, 4) * 0.75,
          state: translate(
            lang,
            a.passwordSignIn
              ? offAbove
                ? 'passwordSignIn.admin.offAbove'
                : 'passwordSignIn.admin.on'
              : 'passwordSignIn.admin.off',
          ),
          stateCode: !a.passwordSignIn ? 'off' : offAbove ? 'off-above' : 'on',
          enabled: a.passwordSignIn,
        });
        visit(a.children, offAbove || !a.passwordSignIn);
      }
    };
    visit(await this.agencies.tree(), false);
    const saved = rows.find((r) => r.id === query.saved);
    return this.pages.render(request, reply, 'admin-sign-in.hbs', translate(lang, 'passwordSignIn.admin.title'), {
      rows,
      notice: saved
        ? translate(lang, 'passwordSignIn.admin.saved', { agency: saved.name as string, state: saved.state as string })
        : undefined,
    });
  }

  @Post(':id')
  async switch(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const enabled = new FormReader(body, lang).raw('enabled') === 'true';
    await this.agencies.setPasswordSignIn(request.user!, id, enabled, request.ip);
    return reply.redirect(`/admin/sign-in?saved=${id}#agency-${id}`, 303);
  }
}
