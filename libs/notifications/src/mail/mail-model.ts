// What a template sees: the notification's facts in the reader's language, dates in Ulaanbaatar time.
import { NotificationData, NotificationKind } from '../inbox/notification-kind';
import type { MailLanguage } from './mail-templates';

// Building an Intl.DateTimeFormat costs far more than formatting with one (it was a twentieth of the
// event loop's time per certificate, for the e-mail's two dates); one per language and style.
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: MailLanguage, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let format = formats.get(key);
  if (!format)
    formats.set(
      key,
      (format = new Intl.DateTimeFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', {
        dateStyle: 'long',
        ...(withTime ? { timeStyle: 'short' } : {}),
        timeZone: 'Asia/Ulaanbaatar',
      })),
    );
  return format;
}

export function formatDate(iso: string | null | undefined, lang: MailLanguage): string | null {
  if (!iso) return null;
  return dateFormat(lang, false).format(new Date(iso));
}

export function mailModel(
  kind: NotificationKind,
  d: NotificationData,
  lang: MailLanguage,
  name: string,
  publicUrl: string,
): Record<string, unknown> {
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
    // assignment.due and assignment.digest (a due day is a date: noon keeps it on that day in any zone)
    dueOn: formatDate(d.dueOn ? `${d.dueOn}T12:00:00+08:00` : null, lang),
    learnUrl: d.enrollmentId ? `${publicUrl}/learn/${d.enrollmentId}` : `${publicUrl}/courses/${d.courseId}`,
    overdueTotal: d.overdueTotal ?? 0,
    people: (d.people ?? []).map((p) => ({
      name: p.name,
      agency: lang === 'en' ? p.agencyEn : p.agency,
      courseTitle: lang === 'en' && p.courseTitleEn ? p.courseTitleEn : p.courseTitle,
      dueOn: formatDate(`${p.dueOn}T12:00:00+08:00`, lang),
      daysOverdue: p.daysOverdue,
    })),
    more: Math.max(0, (d.overdueTotal ?? 0) - (d.people?.length ?? 0)),
    hrUrl: `${publicUrl}/hr?status=overdue`,
    teamUrl: `${publicUrl}/team`,
    // session.cancelled, session.nominated, session.request_*
    sessionStartsOn: d.startsAt ? dateFormat(lang, true).format(new Date(d.startsAt)) : null,
    place: d.place ?? null,
    waitlisted: d.status === 'waitlisted',
    supervisorName: d.supervisorName ?? null,
    learnerName: d.learnerName ?? null,
    // account.invitation and account.password_reset (linkUrl is added by the mail delivery, which holds the key)
    linkExpiresOn: d.linkExpiresAt ? dateFormat(lang, true).format(new Date(d.linkExpiresAt)) : null,
    signInUrl: `${publicUrl}/signin`,
    // evaluation.follow_up and evaluation.follow_up_reminder
    followUpUrl: `${publicUrl}/follow-ups/${d.followUpId}`,
    aboutStaff: d.followUpRole === 'supervisor',
    closesOn: formatDate(d.closesAt, lang),
  };
}
