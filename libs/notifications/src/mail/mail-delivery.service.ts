// Sends a notification's e-mail at least once and, short of a crash at the worst moment, exactly
// once: the e-mail is claimed (a lease in PostgreSQL) before sending and marked sent after. A
// worker killed between the server accepting the message and the mark leaves it unsent; once the
// lease runs out it is sent again — a second copy with the same Message-ID, never none.
import { Injectable, Logger } from '@nestjs/common';
import { accountLinkUrl } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { ClaimedEmail, NotificationsRepository } from '../inbox/notifications.repository';
import { MailerRepository } from './mailer.repository';
import { MailTemplates } from './mail-templates';
import { mailModel } from './mail-model';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'held-elsewhere';

@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);
  readonly templates = new MailTemplates();

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly mailer: MailerRepository,
    private readonly config: AppConfig,
  ) {}

  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const claimed = await this.notifications.claimEmail(notificationId);
    if (!claimed) return (await this.notifications.emailSent(notificationId)) ? 'already-sent' : 'held-elsewhere';
    try {
      const { messageId } = await this.mailer.send(this.compose(claimed));
      await this.notifications.recordEmailSent(notificationId, messageId);
      return 'sent';
    } catch (error) {
      await this.notifications.releaseEmail(notificationId, (error as Error).message).catch(() => undefined);
      throw error;
    }
  }

  /** Sends what earlier jobs left unsent; returns how many went out. Failures wait for the next run. */
  async sendUnsent(withinDays = 7, limit = 500): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const id of await this.notifications.unsentEmails(withinDays, limit)) {
      try {
        if ((await this.deliver(id)) === 'sent') sent++;
      } catch (error) {
        failed++;
        this.logger.warn(`E-mail of notification ${id} not sent: ${(error as Error).message}`);
      }
    }
    return { sent, failed };
  }

  private compose(n: ClaimedEmail) {
    const lang = n.locale === 'en' ? 'en' : 'mn';
    const model = mailModel(n.kind, n.data, lang, n.name, this.config.publicUrl);
    if (n.data.linkId) model.linkUrl = accountLinkUrl(this.config.publicUrl, this.config.JWT_SECRET, n.data.linkId);
    const rendered = this.templates.render(n.kind, lang, model);
    const host = new URL(this.config.publicUrl).hostname || 'chadavkhi.local';
    return { to: { name: n.name, address: n.email }, ...rendered, messageId: `<${n.id}@${host}>` };
  }
}
