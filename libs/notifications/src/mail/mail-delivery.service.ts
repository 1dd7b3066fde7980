// Sends a notification's e-mail at least once and, short of a crash at the worst moment, exactly
// once: the e-mail is claimed (a lease in PostgreSQL) before sending and marked sent after. A
// worker killed between the server accepting the message and the mark leaves it unsent; once the
// lease runs out it is sent again — a second copy with the same Message-ID, never none. A job that
// finds the e-mail claimed by another worker (alive, or dead mid-send) waits, looking again every few
// seconds, until the e-mail is sent or the claim ends.
import { Injectable, Logger } from '@nestjs/common';
import { accountLinkUrl } from '@chadavkhi/identity';
import { AppConfig, JobNotReadyError } from '@chadavkhi/platform';
import { ClaimedEmail, NotificationsRepository } from '../inbox/notifications.repository';
import { MailerRepository } from './mailer.repository';
import { MailTemplates } from './mail-templates';
import { mailModel } from './mail-model';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'no-address' | 'held-elsewhere';

/** A job waits, without spending an attempt, while another worker's claim on its e-mail lasts. */
export class EmailHeldElsewhereError extends JobNotReadyError {
  constructor(notificationId: string, until: Date) {
    super(
      `The e-mail of notification ${notificationId} is being sent by another worker; looking again at ${until.toISOString()}`,
      until,
    );
  }
}

/** The least a job waits for a claim: one given back or run out just now is claimed on the next run. */
const LEAST_WAIT_MS = 200;
/**
 * The most a job waits before looking again. A claim usually belongs to a live worker sending the
 * same e-mail that moment (a duplicate job), which marks it sent within seconds: waiting out the whole
 * lease (5 minutes) would hold the queue that long for nothing. Looking again spends no attempt.
 */
const MOST_WAIT_MS = 5000;

@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);
  readonly templates = new MailTemplates();

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly mailer: MailerRepository,
    private readonly config: AppConfig,
  ) {}

  /** Sends the e-mail unless it is sent, has no address, or another worker holds it ('held-elsewhere'). */
  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const outcome = await this.attempt(notificationId);
    return typeof outcome === 'string' ? outcome : 'held-elsewhere';
  }

  /**
   * For a job: as deliver, but an e-mail another worker holds throws EmailHeldElsewhereError, which
   * delays the job (attempts unspent) until the claim ends by the database's clock, or 5 s if sooner;
   * it then finds the e-mail sent, claims it, or waits again — however long the lease, and whatever
   * attempts the job has.
   */
  async deliverForJob(notificationId: string): Promise<Exclude<DeliveryOutcome, 'held-elsewhere'>> {
    const outcome = await this.attempt(notificationId);
    if (typeof outcome === 'string') return outcome;
    throw new EmailHeldElsewhereError(
      notificationId,
      new Date(Date.now() + Math.min(MOST_WAIT_MS, Math.max(LEAST_WAIT_MS, outcome.heldForMs))),
    );
  }

  private async attempt(
    notificationId: string,
  ): Promise<Exclude<DeliveryOutcome, 'held-elsewhere'> | { heldForMs: number }> {
    const claimed = await this.notifications.claimEmail(notificationId);
    if (!claimed) {
      const hold = await this.notifications.emailHold(notificationId);
      if (hold.state === 'sent') return 'already-sent';
      if (hold.state === 'no-address') return 'no-address';
      return { heldForMs: hold.leaseEndsInMs };
    }
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
