// The signed-in person's notifications (certificates issued, expiring, revoked, to renew): a list
// with "mark as read", and a link to what each is about.
import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenService } from '@chadavkhi/identity';
import { NotificationsService } from '@chadavkhi/notifications';
import { PageQuery } from '@chadavkhi/platform';
import { isUuid } from './form-fields';
import { translate } from './i18n';
import { formatDate } from './learning-display';
import { pageNumber, pagerModel } from './pager';
import { baseModel, pageLanguage } from './web-request';

const PAGE_SIZE = 20;

@ApiExcludeController()
@Controller('notifications')
export class NotificationsPageController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly tokens: TokenService,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    const user = request.user!;
    const page = pageNumber((request.query as Record<string, unknown> | undefined)?.page);
    const found = await this.notifications.mine(
      user,
      Object.assign(new PageQuery(), { page, limit: PAGE_SIZE }) as never,
    );
    const title = translate(lang, 'notifications.title');
    return reply.header('cache-control', 'no-store').view('notifications.hbs', {
      ...baseModel(request, lang, title),
      heading: title,
      countText: translate(lang, 'notifications.unread', { count: found.unread }),
      items: found.items.map((n) => ({
        title: n.title,
        when: formatDate(lang, n.createdAt, true),
        iso: n.createdAt,
        unread: !n.readAt,
        href: n.data.code ? `/verify/${n.data.code}` : undefined,
        readAction: n.readAt ? undefined : `/notifications/${n.id}/read`,
      })),
      emptyText: translate(lang, 'notifications.empty'),
      pager: pagerModel(lang, '/notifications', {}, page, PAGE_SIZE, found.total),
      csrfToken: this.tokens.csrfToken(user),
    });
  }

  @Post(':id/read')
  async read(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!isUuid(id)) throw new NotFoundException('No such notification.');
    await this.notifications.markRead(request.user!, id);
    return reply.redirect('/notifications', 303);
  }
}
