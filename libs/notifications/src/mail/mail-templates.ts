// E-mail text from content/mail-templates/<kind>.<language>.yaml (subject, text, html), written by
// people who are not developers; Handlebars fills them. The subject and text are plain text (not
// escaped), the HTML is escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import { NOTIFICATION_KINDS, NotificationKind } from '../inbox/notification-kind';

export const MAIL_LANGUAGES = ['mn', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Compiled {
  subject: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
}

export function mailTemplateFile(kind: NotificationKind, lang: MailLanguage, dir: string): string {
  return join(dir, `${kind.replace('.', '-')}.${lang}.yaml`);
}

export class MailTemplates {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, Compiled>();

  constructor(private readonly dir = join(process.cwd(), 'content', 'mail-templates')) {}

  render(kind: NotificationKind, lang: MailLanguage, model: Record<string, unknown>): RenderedMail {
    const t = this.template(kind, lang);
    return {
      subject: t.subject(model).replace(/\s+/g, ' ').trim(),
      text: t.text(model),
      html: wrapHtml(t.html(model), lang),
    };
  }

  /** Loads (and checks) every template now, so a broken file fails at start-up, not at the first e-mail. */
  loadAll(): void {
    for (const kind of NOTIFICATION_KINDS) for (const lang of MAIL_LANGUAGES) this.template(kind, lang);
  }

  private template(kind: NotificationKind, lang: MailLanguage): Compiled {
    const key = `${kind}.${lang}`;
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const file = mailTemplateFile(kind, lang, this.dir);
    const source = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    for (const part of ['subject', 'text', 'html']) {
      if (typeof source?.[part] !== 'string' || !(source[part] as string).trim())
        throw new Error(`${file}: "${part}" is missing or empty`);
    }
    const s = source as Record<'subject' | 'text' | 'html', string>;
    const compiled = {
      subject: this.hbs.compile(s.subject, { noEscape: true }),
      text: this.hbs.compile(s.text, { noEscape: true }),
      html: this.hbs.compile(s.html),
    };
    this.compiled.set(key, compiled);
    return compiled;
  }
}

/** A minimal, mobile-friendly HTML document around a template's body. */
function wrapHtml(body: string, lang: MailLanguage): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 600px; margin: 0 auto; padding: 16px;">
${body}
<p style="color: #555; font-size: 13px;">Чадавхи · Chadavkhi</p>
</body></html>`;
}
