// What a template sees: the notification's facts in the reader's language, dates in Ulaanbaatar time.
import { NotificationData, NotificationKind } from '../inbox/notification-kind';
import type { MailLanguage } from './mail-templates';

export function formatDate(iso: string | null | undefined, lang: MailLanguage): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Ulaanbaatar' }).format(new Date(iso));
}

export function mailModel(kind: NotificationKind, d: NotificationData, lang: MailLanguage, name: string, publicUrl: string): Record<string, unknown> {
  return {
    kind,
    name,
    courseTitle: lang === 'en' && d.courseTitleEn ? d.courseTitleEn : d.courseTitle,
    code: d.code,
    issuedOn: formatDate(d.issuedAt, lang),
    expiresOn: formatDate(d.expiresAt, lang),
    previousExpiresOn: formatDate(d.previousExpiresAt, lang),
    daysLeft: d.daysLeft ?? null,
    thresholdDays: d.thresholdDays ?? null,
    reason: d.reason ?? null,
    version: d.version ?? null,
    verifyUrl: `${publicUrl}/verify/${d.code}`,
    courseUrl: `${publicUrl}/courses/${d.courseId}`,
    appUrl: `${publicUrl}/`,
  };
}
