// Reads what the index should hold for knowledge documents from PostgreSQL: only the published
// version (drafts, reviews and archived documents are never searchable), with the text of that
// version's attachments (the rule of inVersion in knowledge-attachment.entity.ts).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { markdownToText } from '@chadavkhi/platform';
import { DocumentSnapshot } from '../documents/knowledge-document-version.entity';
import { entryId, IndexedEntry } from './knowledge-index';

interface Row {
  id: string;
  slug: string | null;
  snapshot: DocumentSnapshot;
  owner_agency_id: string;
  agency_path: string[];
  published_at: Date | null;
  review_by: string | null;
  attachment_text: string | null;
}

// The published snapshot: the row itself when the working copy is the published version, else that version.
const SELECT = `
  SELECT d.id, d.slug, d.owner_agency_id, a.path AS agency_path, d.published_at, to_char(d.review_by, 'YYYY-MM-DD') AS review_by,
         CASE WHEN d.published_version = d.current_version
              THEN jsonb_build_object('title', d.title, 'summary', d.summary, 'body', d.body, 'type', d.type, 'tags', to_jsonb(d.tags), 'language', d.language, 'visibility', d.visibility)
              ELSE v.snapshot END AS snapshot,
         (SELECT string_agg(t.extracted_text, E'\\n' ORDER BY t.created_at) FROM knowledge_attachments t
           WHERE t.document_id = d.id AND t.added_in_version <= d.published_version AND (t.removed_in_version IS NULL OR t.removed_in_version > d.published_version)) AS attachment_text
    FROM knowledge_documents d
    JOIN agencies a ON a.id = d.owner_agency_id
    LEFT JOIN knowledge_document_versions v ON v.document_id = d.id AND v.version = d.published_version AND d.published_version <> d.current_version
   WHERE d.published_version IS NOT NULL AND d.status <> 'archived'`;

const MAX_FIELD = 60_000;

function toEntry(r: Row): IndexedEntry {
  const s = r.snapshot;
  return {
    id: entryId('document', r.id),
    kind: 'document',
    entityId: r.id,
    title: s.title,
    summary: s.summary,
    body: markdownToText(s.body).slice(0, MAX_FIELD),
    attachmentText: (r.attachment_text ?? '').slice(0, MAX_FIELD),
    tags: s.tags,
    type: s.type,
    language: s.language,
    visibility: s.visibility,
    agencyId: r.owner_agency_id,
    agencyPath: r.agency_path,
    slug: r.slug,
    publishedAt: r.published_at ? Math.floor(new Date(r.published_at).getTime() / 1000) : 0,
    reviewBy: r.review_by,
  };
}

@Injectable()
export class DocumentSearchSourceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The entry for one document, or null when it should not be in the index at all. */
  async entry(documentId: string): Promise<IndexedEntry | null> {
    const [row] = await this.dataSource.query(`${SELECT} AND d.id = $1`, [documentId]);
    return row ? toEntry(row) : null;
  }

  /** Keyset pages of entries for a full rebuild. */
  async page(after: string | null, size: number): Promise<{ entries: IndexedEntry[]; last: string | null }> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} AND ($1::uuid IS NULL OR d.id > $1) ORDER BY d.id LIMIT $2`,
      [after, size],
    );
    return { entries: rows.map(toEntry), last: rows.length ? rows[rows.length - 1].id : null };
  }

  async count(): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM knowledge_documents WHERE published_version IS NOT NULL AND status <> 'archived'`,
    );
    return n;
  }

  /** Documents changed since an instant (to catch up on edits made while a rebuild ran). */
  async changedSince(since: Date): Promise<string[]> {
    return (await this.dataSource.query(`SELECT id FROM knowledge_documents WHERE updated_at >= $1`, [since])).map(
      (r: { id: string }) => r.id,
    );
  }
}
