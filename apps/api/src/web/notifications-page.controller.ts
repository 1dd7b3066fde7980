// The signed-in person's notifications (certificates issued, expiring, revoked, to renew): a list
// with "mark as read", and a link to what each is about.
import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotificationsService } from '@chadavkhi/notifications';
import { PageQuery } from '@chadavkhi/platform';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { pageNumber, pagerModel } from './pager';
import { PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const PAGE_SIZE = 20;

@ApiExcludeController()
@Controller('notifications')
export class NotificationsPageController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const page = pageNumber(params.page);
    const found = await this.notifications.mine(
      user,
      Object.assign(new PageQuery(), { page, limit: PAGE_SIZE }) as never,
    );
    const title = translate(lang, 'notifications.title');
    return this.pages.render(request, reply, 'notifications.hbs', title, {
      heading: title,
      countText: translate(lang, 'notifications.unread', { count: found.unread }),
      items: found.items.map((n) => ({
        title: n.title,
        when: formatDate(lang, n.createdAt, true),
        iso: n.createdAt,
        unread: !n.readAt,
        href: n.data.code
          ? `/verify/${n.data.code}`
          : n.data.followUpId
            ? `/follow-ups/${n.data.followUpId}`
            : undefined,
        readAction: n.readAt ? undefined : `/notifications/${n.id}/read`,
      })),
      emptyText: translate(lang, 'notifications.empty'),
      pager: pagerModel(lang, '/notifications', {}, page, PAGE_SIZE, found.total),
    });
  }

  @Post(':id/read')
  async read(
    @UuidParam('id', 'No such notification.') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.notifications.markRead(request.user!, id);
    return reply.redirect('/notifications', 303);
  }
}
