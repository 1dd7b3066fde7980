// PostgreSQL access for knowledge documents: locking a document for a change, writing it, its owning
// agency's path, its versions and the files no version holds any more. The services decide, and
// emit knowledge.document.changed in the same transaction.
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessFacts, ulaanbaatarDate } from './document-access';
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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The document, row-locked when called inside a transaction (one change at a time per document). */
  async find(manager: EntityManager, id: string): Promise<KnowledgeDocument | null> {
    const qb = manager.getRepository(KnowledgeDocument).createQueryBuilder('d').where('d.id = :id', { id });
    if (manager.queryRunner?.isTransactionActive) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The document with this slug (imported from content/), row-locked. */
  async findBySlugForUpdate(manager: EntityManager, slug: string): Promise<KnowledgeDocument | null> {
    return manager
      .getRepository(KnowledgeDocument)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.slug = :slug', { slug })
      .getOne();
  }

  /** Inserts the document and returns it as stored. */
  async insert(manager: EntityManager, fields: Partial<KnowledgeDocument>): Promise<KnowledgeDocument> {
    const repo = manager.getRepository(KnowledgeDocument);
    return repo.save(repo.create(fields));
  }

  /** Inserts the document and returns its id. */
  async insertId(manager: EntityManager, fields: Partial<KnowledgeDocument>): Promise<string> {
    const { identifiers } = await manager.getRepository(KnowledgeDocument).insert(fields);
    return identifiers[0].id as string;
  }

  async update(manager: EntityManager, id: string, changes: Partial<KnowledgeDocument>): Promise<void> {
    await manager.update(KnowledgeDocument, { id }, changes);
  }

  /**
   * Documents someone authors or owns (`authorOrOwnerId`), or those of an agency subtree
   * (`withinAgencyId`; neither: all), newest change first.
   */
  async page(filter: {
    authorOrOwnerId?: string;
    withinAgencyId?: string;
    status?: string;
    stale?: boolean;
    offset: number;
    limit: number;
  }): Promise<[KnowledgeDocument[], number]> {
    const qb = this.dataSource
      .getRepository(KnowledgeDocument)
      .createQueryBuilder('d')
      .orderBy('d.updated_at', 'DESC')
      .addOrderBy('d.id')
      .offset(filter.offset)
      .limit(filter.limit);
    if (filter.withinAgencyId)
      qb.innerJoin('agencies', 'a', 'a.id = d.owner_agency_id').where(':root = ANY(a.path)', {
        root: filter.withinAgencyId,
      });
    if (filter.authorOrOwnerId) qb.where('(d.author_id = :me OR d.owner_id = :me)', { me: filter.authorOrOwnerId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    if (filter.stale !== undefined)
      qb.andWhere(filter.stale ? 'd.review_by < :today' : '(d.review_by IS NULL OR d.review_by >= :today)', {
        today: ulaanbaatarDate(),
      });
    return qb.getManyAndCount();
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

  /** Every version of the document, newest first. */
  async versions(manager: EntityManager, documentId: string): Promise<KnowledgeDocumentVersion[]> {
    return manager.getRepository(KnowledgeDocumentVersion).find({ where: { documentId }, order: { version: 'DESC' } });
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

  /** Marks the document changed now: lists sort by it, and a reindex re-reads what changed while it ran. */
  async touch(manager: EntityManager, documentId: string): Promise<void> {
    await manager.query(`UPDATE knowledge_documents SET updated_at = now() WHERE id = $1`, [documentId]);
  }
}
