import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TextStatus } from './attachment-text';

/**
 * A file attached to a document. The bytes live in PostgreSQL (bytea): one transaction covers the
 * file, its row and the reindex event, backups include it, and every stateless API process can
 * serve it without a shared disk. Files are size-limited (KNOWLEDGE_ATTACHMENT_MAX_BYTES).
 */
@Entity('knowledge_attachments')
export class KnowledgeAttachment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') documentId: string;
  /** The file is part of the document's versions from this one up to (not including) removedInVersion. */
  @Column('int') addedInVersion: number;
  @Column('int', { nullable: true }) removedInVersion: number | null;
  @Column('text') filename: string;
  /** Detected from the content, never taken from the name or the request. */
  @Column('text') mediaType: string;
  @Column('int') size: number;
  @Column('text') sha256: string;
  @Column('bytea', { select: false }) bytes: Buffer;
  @Column('text', { select: false }) extractedText: string;
  /** Whether extractedText holds the file's words, and if not, why not (too large, too slow, unreadable, an image). */
  @Column('text') textStatus: TextStatus;
  @Column('uuid', { nullable: true }) uploadedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** Whether a file is part of a version: readers get the published version's files, editors the working copy's. */
export function inVersion(
  file: Pick<KnowledgeAttachment, 'addedInVersion' | 'removedInVersion'>,
  version: number,
): boolean {
  return file.addedInVersion <= version && (file.removedInVersion === null || file.removedInVersion > version);
}
