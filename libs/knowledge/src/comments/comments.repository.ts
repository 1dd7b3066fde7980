// PostgreSQL access for public comments: storing one, a document's (or another subject's) page of them, locking one to
// answer it, an agency subtree's list, and the open/overdue counts per agency.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CommentSubjectKind, KnowledgeComment } from './knowledge-comment.entity';

export type CommentState = 'open' | 'overdue' | 'answered' | 'all';

const STATE_WHERE: Record<CommentState, string> = {
  open: 'c.responded_at IS NULL',
  overdue: 'c.responded_at IS NULL AND c.due_at < now()',
  answered: 'c.responded_at IS NOT NULL',
  all: 'true',
};

@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, fields: Partial<KnowledgeComment>): Promise<KnowledgeComment> {
    const repo = manager.getRepository(KnowledgeComment);
    return repo.save(repo.create(fields));
  }

  /** A subject's comments (a plan's), oldest first, and how many in all. */
  async pageOfSubject(
    subjectKind: CommentSubjectKind,
    subjectId: string,
    offset: number,
    limit: number,
  ): Promise<[KnowledgeComment[], number]> {
    return this.dataSource
      .getRepository(KnowledgeComment)
      .findAndCount({ where: { subjectKind, subjectId }, order: { createdAt: 'ASC' }, skip: offset, take: limit });
  }

  /** A document's comments, oldest first, and how many in all. */
  async pageOfDocument(documentId: string, offset: number, limit: number): Promise<[KnowledgeComment[], number]> {
    return this.dataSource
      .getRepository(KnowledgeComment)
      .findAndCount({ where: { documentId }, order: { createdAt: 'ASC' }, skip: offset, take: limit });
  }

  /** The comment, row-locked for the rest of the transaction (one answer at a time). */
  async findForUpdate(manager: EntityManager, id: string): Promise<KnowledgeComment | null> {
    return manager
      .getRepository(KnowledgeComment)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  async saveResponse(
    manager: EntityManager,
    id: string,
    answer: { response: string; respondedBy: string; respondedAt: Date },
  ): Promise<void> {
    await manager.update(KnowledgeComment, { id }, answer);
  }

  /** Open comments of a document move to its new owning agency's list. */
  async reassignOpen(manager: EntityManager, documentId: string, ownerAgencyId: string): Promise<void> {
    await manager.query(
      `UPDATE knowledge_comments SET owner_agency_id = $2 WHERE document_id = $1 AND responded_at IS NULL`,
      [documentId, ownerAgencyId],
    );
  }

  /** Comments on the documents of an agency subtree in a state, soonest due first, with their document's title. */
  async pageForAgencySubtree(
    rootAgencyId: string,
    state: CommentState,
    offset: number,
    limit: number,
  ): Promise<{ comments: (KnowledgeComment & { documentTitle: string })[]; total: number }> {
    const qb = this.dataSource
      .getRepository(KnowledgeComment)
      .createQueryBuilder('c')
      .innerJoin('agencies', 'a', 'a.id = c.owner_agency_id')
      .leftJoin('knowledge_documents', 'd', 'd.id = c.document_id')
      .addSelect('COALESCE(d.title, c.subject_title)', 'document_title')
      .where(':root = ANY(a.path)', { root: rootAgencyId })
      .andWhere(STATE_WHERE[state])
      .orderBy('c.due_at', 'ASC')
      .addOrderBy('c.id')
      .offset(offset)
      .limit(limit);
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    return {
      comments: entities.map((c, i) => Object.assign(c, { documentTitle: raw[i]?.document_title ?? '' })),
      total,
    };
  }

  /** Open, overdue and answered comments per agency. */
  async countsPerAgency(): Promise<
    {
      agencyId: string;
      code: string;
      nameMn: string;
      nameEn: string;
      open: number;
      overdue: number;
      answered: number;
    }[]
  > {
    return this.dataSource.query(
      `SELECT a.id AS "agencyId", a.code, a.name_mn AS "nameMn", a.name_en AS "nameEn",
              count(*) FILTER (WHERE c.responded_at IS NULL)::int AS open,
              count(*) FILTER (WHERE c.responded_at IS NULL AND c.due_at < now())::int AS overdue,
              count(*) FILTER (WHERE c.responded_at IS NOT NULL)::int AS answered
         FROM knowledge_comments c JOIN agencies a ON a.id = c.owner_agency_id
        GROUP BY a.id ORDER BY overdue DESC, open DESC, a.code`,
    );
  }
}
