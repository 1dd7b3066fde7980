import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import type { AppConfig } from '@chadavkhi/platform';
import { MailerRepository } from './mailer.repository';

describe('MailerRepository without SMTP_URL (the single-machine default)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chadavkhi-mail-'));
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes each message as an .eml file under DATA_DIR/mail, named by its Message-ID', async () => {
    const mailer = new MailerRepository({
      DATA_DIR: dataDir,
      MAIL_FROM: 'Чадавхи <no-reply@example.gov.mn>',
    } as AppConfig);
    expect(mailer.mode).toBe('files');
    const sent = await mailer.send({
      to: { name: 'Болдын Сарнай', address: 'sarnai@example.gov.mn' },
      subject: 'Гэрчилгээ олголоо',
      text: 'Сайн байна уу',
      html: '<p>Сайн байна уу</p>',
      messageId: '<abc-123@example.gov.mn>',
    });
    expect(sent).toEqual({
      messageId: '<abc-123@example.gov.mn>',
      file: join(dataDir, 'mail', 'abc-123@example.gov.mn.eml'),
    });
    const parsed = await simpleParser(readFileSync(sent.file!));
    expect(parsed.subject).toBe('Гэрчилгээ олголоо');
    expect(parsed.text?.trim()).toBe('Сайн байна уу');
    expect(parsed.messageId).toBe('<abc-123@example.gov.mn>');
    expect(parsed.from?.text).toContain('no-reply@example.gov.mn');
    mailer.onModuleDestroy();
  });
});
