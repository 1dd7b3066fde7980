// Published courses for the one search box. The knowledge lib may not import learning (see the
// dependency arrows in ARCHITECTURE.md), so this reads the published course tables with plain SQL,
// read-only: courses, course_versions (the current one), its course_lessons and the text of the SCORM
// packages they refer to (scorm_packages.page_text). If learning's schema changes, this query is the
// one place outside learning to update.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { markdownToText } from '@chadavkhi/platform';
import { entryId, IndexedEntry } from './knowledge-index';

interface Row {
  id: string;
  code: string | null;
  title: string;
  title_en: string | null;
  summary: string;
  summary_en: string | null;
  language: 'mn' | 'en';
  competency_codes: string[];
  published_at: Date;
  lessons: { title: string; body: string; packageText: string | null }[] | null;
}

const SELECT = `
  SELECT c.id, c.code, v.title, v.title_en, v.summary, v.summary_en, v.language, v.competency_codes, v.published_at,
         (SELECT json_agg(json_build_object('title', l.title, 'body', l.body_markdown, 'packageText', p.page_text)
                          ORDER BY l.module_position, l.position)
            FROM course_lessons l LEFT JOIN scorm_packages p ON p.sha256 = l.scorm_package
           WHERE l.course_version_id = v.id) AS lessons
    FROM courses c JOIN course_versions v ON v.id = c.current_version_id`;

const MAX_FIELD = 60_000;

function toEntry(r: Row): IndexedEntry {
  const lessons = r.lessons ?? [];
  const lessonText = lessons.map((l) => `${l.title}\n${markdownToText(l.body)}`).join('\n\n');
  // What the course's packages show inside them, each package an equal share of the field.
  const packageTexts = lessons.flatMap((l) => (l.packageText ? [l.packageText] : []));
  const share = Math.floor(MAX_FIELD / Math.max(1, packageTexts.length));
  return {
    id: entryId('course', r.id),
    kind: 'course',
    entityId: r.id,
    title: r.title_en ? `${r.title} · ${r.title_en}` : r.title,
    summary: [r.summary, r.summary_en].filter(Boolean).join('\n'),
    body: lessonText.slice(0, MAX_FIELD),
    attachmentText: packageTexts.map((text) => text.slice(0, share)).join('\n\n'),
    tags: r.competency_codes,
    type: 'course',
    language: r.language,
    // The catalogue is for signed-in civil servants (GET /courses needs a session).
    visibility: 'internal',
    agencyId: null,
    agencyPath: [],
    slug: r.code,
    publishedAt: Math.floor(new Date(r.published_at).getTime() / 1000),
    reviewBy: null,
  };
}

@Injectable()
export class CourseSearchSourceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async entry(courseId: string): Promise<IndexedEntry | null> {
    const [row] = await this.dataSource.query(`${SELECT} WHERE c.id = $1`, [courseId]);
    return row ? toEntry(row) : null;
  }

  async page(after: string | null, size: number): Promise<{ entries: IndexedEntry[]; last: string | null }> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE ($1::uuid IS NULL OR c.id > $1) ORDER BY c.id LIMIT $2`,
      [after, size],
    );
    return { entries: rows.map(toEntry), last: rows.length ? rows[rows.length - 1].id : null };
  }

  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM courses WHERE current_version_id IS NOT NULL`,
    );
    return n;
  }

  async changedSince(since: Date): Promise<string[]> {
    return (
      await this.dataSource.query(`SELECT id FROM courses WHERE updated_at >= $1 AND current_version_id IS NOT NULL`, [
        since,
      ])
    ).map((r: { id: string }) => r.id);
  }
}
