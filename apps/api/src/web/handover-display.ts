// A handover's items as lines in the page's language: the page and the printable PDF show the same words.
import type { HandoverReport } from '../handovers/dto/handover-report.view';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';

export interface HandoverSection {
  id: string;
  heading: string;
  empty: string;
  items: { title: string; href?: string; lines: string[]; warn?: string; lang?: string }[];
}

const day = (lang: Language, ymd: string) => formatDate(lang, `${ymd}T12:00:00+08:00`);

export function handoverFacts(lang: Language, report: HandoverReport): { reason: string; successor: string } {
  const h = report.handover;
  const reason = translate(lang, `handover.reason.${h.reason}`, {
    name: h.from.name,
    agency: h.agency.name[lang],
    date: day(lang, h.effectiveOn),
  });
  const successor = h.successor
    ? `${translate(lang, 'handover.successor', { name: h.successor.name })} ${translate(
        lang,
        h.successorChosenByHr ? 'handover.successor.chosen' : 'handover.successor.default',
      )}`
    : translate(lang, 'handover.successor.none');
  return { reason, successor };
}

export function handoverSections(lang: Language, report: HandoverReport): HandoverSection[] {
  const orphaned = (item: { orphaned: boolean }) => (item.orphaned ? translate(lang, 'handover.orphaned') : undefined);
  const status = (s: string) => translate(lang, `handover.status.${s}`);
  const documentLines = (d: HandoverReport['documents'][number]) => [
    status(d.status),
    ...(d.reviewBy && !d.stale ? [translate(lang, 'handover.reviewBy', { date: day(lang, d.reviewBy) })] : []),
  ];
  const staleOrOrphaned = (d: HandoverReport['documents'][number]) =>
    d.stale ? translate(lang, 'handover.stale', { date: day(lang, d.reviewBy!) }) : orphaned(d);
  return [
    {
      id: 'documents',
      heading: translate(lang, 'handover.documents'),
      empty: translate(lang, 'handover.documents.empty'),
      items: report.documents.map((d) => ({
        title: d.title,
        href: `/knowledge/documents/${d.documentId}`,
        lines: documentLines(d),
        warn: staleOrOrphaned(d),
      })),
    },
    {
      id: 'reviews',
      heading: translate(lang, 'handover.reviews'),
      empty: translate(lang, 'handover.reviews.empty'),
      items: report.reviews.map((d) => ({
        title: d.title,
        href: `/knowledge/documents/${d.documentId}`,
        lines: documentLines(d),
        warn: staleOrOrphaned(d),
      })),
    },
    {
      id: 'comments',
      heading: translate(lang, 'handover.comments'),
      empty: translate(lang, 'handover.comments.empty'),
      items: report.comments.map((c) => ({
        title: translate(lang, 'handover.comment.on', { title: c.title }),
        href: `/knowledge/documents/${c.documentId}#comments`,
        lines: c.answered
          ? [translate(lang, 'handover.comment.answered')]
          : c.overdue
            ? []
            : [translate(lang, 'handover.comment.due', { date: formatDate(lang, c.dueAt!) })],
        warn:
          !c.answered && c.overdue
            ? translate(lang, 'handover.comment.overdue', { date: formatDate(lang, c.dueAt!) })
            : orphaned(c),
      })),
    },
    {
      id: 'courses',
      heading: translate(lang, 'handover.courses'),
      empty: translate(lang, 'handover.courses.empty'),
      items: report.courses.map((c) => ({
        title: lang === 'en' && c.titleEn ? c.titleEn : c.title,
        href: `/author/courses/${c.courseId}`,
        lines: [c.unpublishedChanges ? translate(lang, 'handover.course.unpublishedChanges') : status(c.state)],
        warn: orphaned(c),
      })),
    },
    {
      id: 'sessions',
      heading: translate(lang, 'handover.sessions'),
      empty: translate(lang, 'handover.sessions.empty'),
      items: report.sessions.map((s) => ({
        title: lang === 'en' && s.titleEn ? s.titleEn : s.title,
        href: `/author/sessions/${s.id}`,
        lines: [
          translate(lang, 'handover.session.when', {
            start: formatDate(lang, s.startsAt!, true),
            end: formatDate(lang, s.endsAt!, true),
            place: s.place ?? '',
          }),
          translate(lang, 'handover.session.seats', {
            seated: s.seated ?? 0,
            capacity: s.capacity ?? 0,
            waiting: s.waiting ?? 0,
          }),
        ],
        warn: s.cancelled ? translate(lang, 'handover.session.cancelled') : orphaned(s),
      })),
    },
  ];
}
