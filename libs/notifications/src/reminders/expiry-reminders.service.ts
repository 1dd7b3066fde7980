// The daily reminder run: create the reminders due today, send their e-mail, and send whatever
// earlier runs or jobs left unsent. Running it twice on a day changes nothing the second time.
import { Injectable, Logger } from '@nestjs/common';
import { MailDeliveryService } from '../mail/mail-delivery.service';
import { ExpiryRemindersRepository } from './expiry-reminders.repository';

export interface ReminderRun {
  created: number;
  sent: number;
  failed: number;
}

@Injectable()
export class ExpiryRemindersService {
  private readonly logger = new Logger(ExpiryRemindersService.name);

  constructor(
    private readonly reminders: ExpiryRemindersRepository,
    private readonly delivery: MailDeliveryService,
  ) {}

  /** `today` is a parameter so tests (and a manual catch-up) can say which day it is. */
  async run(today: Date = new Date()): Promise<ReminderRun> {
    const created = await this.reminders.createDue(today);
    let sent = 0;
    let failed = 0;
    for (const id of created) {
      try {
        if ((await this.delivery.deliver(id)) === 'sent') sent++;
      } catch (error) {
        failed++;
        this.logger.warn(`Reminder ${id} not e-mailed yet: ${(error as Error).message}`);
      }
    }
    const leftovers = await this.delivery.sendUnsent();
    const run = { created: created.length, sent: sent + leftovers.sent, failed: failed + leftovers.failed };
    if (run.created || run.sent || run.failed)
      this.logger.log(`Expiry reminders: ${run.created} created, ${run.sent} e-mailed, ${run.failed} failed`);
    return run;
  }
}
