// PostgreSQL access for knowledge documents: locking a document for a change, its owning agency's
// path, its versions, the files no version holds any more, and the event that makes the search
// index re-read it.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addOutboxEvent } from '@chadavkhi/platform';
import { AccessFacts } from './document-access';
import { DocumentSnapshot, KnowledgeDocumentVersion } from './knowledge-document-version.entity';
import { KnowledgeDocument } from './knowledge-document.entity';

export interface AgencyRef {
  id: string;
  code: string;
  nameMn: string;
  nameEn: string;
  path: string[];
}

export function snapshotOf(doc: Pick<KnowledgeDocument, keyof DocumentSnapshot>): DocumentSnapshot {
  return {
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    type: doc.type,
    tags: [...doc.tags],
    language: doc.language,
    visibility: doc.visibility,
  };
}

/** A hash of the content with sorted keys, so "nothing changed" is recognised whatever the field order. */
export function contentHash(snapshot: DocumentSnapshot): string {
  const ordered = Object.fromEntries(Object.entries(snapshot).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}

export function accessFacts(doc: KnowledgeDocument, owner: AgencyRef): AccessFacts {
  return {
    ownerAgencyId: doc.ownerAgencyId,
    ownerAgencyPath: owner.path,
    authorId: doc.authorId,
    ownerId: doc.ownerId,
    status: doc.status,
    publishedVersion: doc.publishedVersion,
  };
}

@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** The document, row-locked when called inside a transaction (one change at a time per document). */
  async find(manager: EntityManager, id: string): Promise<KnowledgeDocument | null> {
    const qb = manager.getRepository(KnowledgeDocument).createQueryBuilder('d').where('d.id = :id', { id });
    if (manager.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async agency(manager: EntityManager, id: string): Promise<AgencyRef | null> {
    const [row] = await manager.query(
      `SELECT id, code, name_mn AS "nameMn", name_en AS "nameEn", path FROM agencies WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async agencyByCode(manager: EntityManager, code: string): Promise<AgencyRef | null> {
    const [row] = await manager.query(
      `SELECT id, code, name_mn AS "nameMn", name_en AS "nameEn", path FROM agencies WHERE code = $1`,
      [code],
    );
    return row ?? null;
  }

  async agencyNames(ids: string[]): Promise<Map<string, { code: string; nameMn: string; nameEn: string }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; code: string; nameMn: string; nameEn: string }[] = await this.dataSource.query(
      `SELECT id, code, name_mn AS "nameMn", name_en AS "nameEn" FROM agencies WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async version(manager: EntityManager, documentId: string, version: number): Promise<KnowledgeDocumentVersion | null> {
    return manager.getRepository(KnowledgeDocumentVersion).findOneBy({ documentId, version });
  }

  async insertVersion(
    manager: EntityManager,
    documentId: string,
    version: number,
    snapshot: DocumentSnapshot,
    authorId: string | null,
    note: string | null,
  ): Promise<void> {
    await manager.insert(KnowledgeDocumentVersion, {
      documentId,
      version,
      snapshot,
      contentHash: contentHash(snapshot),
      authorId,
      note,
    });
  }

  /**
   * Deletes the files no one can reach any more: removed from the working copy and not part of the
   * published version (replaced or removed files wait there only until the change is published).
   */
  async dropUnreachableAttachments(manager: EntityManager, documentId: string): Promise<void> {
    await manager.query(
      `DELETE FROM knowledge_attachments t USING knowledge_documents d
        WHERE d.id = t.document_id AND t.document_id = $1 AND t.removed_in_version IS NOT NULL
          AND NOT (d.published_version IS NOT NULL AND t.added_in_version <= d.published_version AND t.removed_in_version > d.published_version)`,
      [documentId],
    );
  }

  /** Written in the caller's transaction: the index re-reads the document once it commits. */
  async changed(manager: EntityManager, documentId: string): Promise<void> {
    await manager.query(`UPDATE knowledge_documents SET updated_at = now() WHERE id = $1`, [documentId]);
    await addOutboxEvent(manager, 'knowledge.document.changed', { documentId });
  }
}
