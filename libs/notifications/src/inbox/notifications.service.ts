// The signed-in user's notifications: list and mark read. Only ever their own.
import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { mailModel } from '../mail/mail-model';
import { MailDeliveryService } from '../mail/mail-delivery.service';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPage, NotificationView } from './dto/notification.view';
import { NotificationRow, NotificationsRepository } from './notifications.repository';

@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly delivery: MailDeliveryService,
    private readonly config: AppConfig,
  ) {}

  async mine(actor: AuthUser, query: ListNotificationsQuery): Promise<NotificationPage> {
    const { rows, total, unread } = await this.notifications.list(actor.id, query.unread, query.limit, query.offset);
    return { items: rows.map((r) => this.view(r, actor)), total, page: query.page, limit: query.limit, unread };
  }

  /** Someone else's notification is answered exactly like a missing one: 404, nothing learnt. */
  async markRead(actor: AuthUser, id: string): Promise<NotificationView> {
    const row = await this.notifications.markRead(id, actor.id);
    if (!row) throw new NotFoundException('You have no notification with this id.');
    return this.view(row, actor);
  }

  private view(r: NotificationRow, actor: AuthUser): NotificationView {
    const lang = actor.locale === 'en' ? 'en' : 'mn';
    const title = this.delivery.templates.render(
      r.kind,
      lang,
      mailModel(r.kind, r.data, lang, actor.name, this.config.publicUrl),
    ).subject;
    return {
      id: r.id,
      kind: r.kind,
      title,
      data: r.data,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    };
  }
}
