import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentStatus, DocumentType, Visibility } from './document-access';

/**
 * A knowledge document. The content columns are the working copy (= version current_version);
 * readers see version published_version, which may be older while an edit waits for approval.
 */
@Entity('knowledge_documents')
export class KnowledgeDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Stable id of a document imported from content/knowledge (its file name); null for authored ones. */
  @Column('text', { nullable: true }) slug: string | null;
  @Column('text') title: string;
  @Column('text') summary: string;
  @Column('text') body: string;
  @Column('text') type: DocumentType;
  @Column('text', { array: true }) tags: string[];
  @Column('text') language: 'mn' | 'en';
  @Column('text') visibility: Visibility;
  @Column('uuid') ownerAgencyId: string;
  @Column('uuid', { nullable: true }) authorId: string | null;
  @Column('uuid', { nullable: true }) ownerId: string | null;
  @Column('text') status: DocumentStatus;
  @Column('boolean') requiresApproval: boolean;
  @Column('int') currentVersion: number;
  @Column('int', { nullable: true }) publishedVersion: number | null;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  /** YYYY-MM-DD; past it the document is flagged stale. */
  @Column('date', { nullable: true }) reviewBy: string | null;
  @Column('uuid', { nullable: true }) submittedBy: string | null;
  @Column('uuid', { nullable: true }) reviewedBy: string | null;
  @Column('text', { nullable: true }) reviewNote: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
