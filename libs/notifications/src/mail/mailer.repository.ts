// The one door to outgoing e-mail. With SMTP_URL: an SMTP server. Without (the single-machine
// default): each message is written as an .eml file under DATA_DIR/mail/, to open in any mail client.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '@chadavkhi/platform';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a message sent twice (at-least-once) can be recognised as one. */
  messageId: string;
}

@Injectable()
export class MailerRepository implements OnModuleDestroy {
  private readonly logger = new Logger(MailerRepository.name);
  private transport?: Transporter;
  private mailDirMade?: Promise<unknown>;

  constructor(private readonly config: AppConfig) {}

  get mode(): 'smtp' | 'files' {
    return this.config.SMTP_URL ? 'smtp' : 'files';
  }

  get mailDir(): string {
    return resolve(this.config.DATA_DIR, 'mail');
  }

  /** Sends (or writes) the message; resolves with the Message-ID once the server accepted it. */
  async send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }> {
    const message = {
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    };
    const info = await this.transporter().sendMail(message);
    if (this.mode === 'smtp') return { messageId: info.messageId };
    const file = join(this.mailDir, `${mail.messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`);
    // The folder is made once, and again only if someone removed it meanwhile.
    this.mailDirMade ??= mkdir(this.mailDir, { recursive: true }).catch((error) => {
      this.mailDirMade = undefined;
      throw error;
    });
    await this.mailDirMade;
    await writeFile(file, info.message as Buffer).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(this.mailDir, { recursive: true });
      await writeFile(file, info.message as Buffer);
    });
    return { messageId: info.messageId, file };
  }

  private transporter(): Transporter {
    if (!this.transport) {
      this.transport = this.config.SMTP_URL
        ? // Short timeouts: a hanging server fails the job (to be retried) well within the claim lease.
          nodemailer.createTransport({
            url: this.config.SMTP_URL,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 60_000,
          } as never)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      this.logger.log(
        this.config.SMTP_URL
          ? 'Mail goes out by SMTP'
          : `Mail is written as .eml files to ${this.mailDir} (set SMTP_URL to send it)`,
      );
    }
    return this.transport;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
