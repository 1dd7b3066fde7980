// Consumes the notifications queue: certificate events become the holder's notification and e-mail,
// and a daily job sends expiry reminders. Retries are safe: notifications are keyed by their cause
// (event id, or certificate and threshold) and an e-mail is sent only while its row says unsent.
import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { Job, Queue } from 'bullmq';
import { ExpiryRemindersService } from '../reminders/expiry-reminders.service';
import { CertificateEvent, CertificateNotificationsService } from './certificate-notifications.service';
import { RequestedNotificationsService } from './requested-notifications.service';

export const EXPIRY_REMINDERS = 'notifications.expiry-reminders';
const CERTIFICATE_EVENTS = new Set(['certificate.issued', 'certificate.revoked', 'certificate.expiry_shortened']);

@Processor('notifications', { concurrency: 4 })
export class NotificationsProcessor extends DeploymentWorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly certificates: CertificateNotificationsService,
    private readonly reminders: ExpiryRemindersService,
    private readonly requested: RequestedNotificationsService,
    @InjectQueue('notifications') private readonly queue: Queue,
  ) {
    super();
  }

  /** One schedule however many workers start (upserting is idempotent): 09:00 in Ulaanbaatar, when people read mail. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue
      .upsertJobScheduler(
        'daily-expiry-reminders',
        { pattern: '0 9 * * *', tz: 'Asia/Ulaanbaatar' },
        { name: EXPIRY_REMINDERS, data: {}, opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 } } },
      )
      .catch(() => undefined); // Redis away at start: the next worker start schedules it
  }

  async handle(job: Job): Promise<unknown> {
    if (job.name === EXPIRY_REMINDERS) {
      const run = await this.reminders.run(new Date());
      if (run.failed) throw new Error(`${run.failed} reminder e-mail(s) could not be sent; the run is retried`);
      return run;
    }
    if (job.name === 'notification.requested') return this.requested.notify({ name: job.name, data: job.data });
    if (CERTIFICATE_EVENTS.has(job.name))
      return this.certificates.notify({ name: job.name, data: job.data } as CertificateEvent);
    this.logger.warn(`Job ${job.name} (${job.id}) is not for the notifications processor; ignored`);
    return {};
  }
}
