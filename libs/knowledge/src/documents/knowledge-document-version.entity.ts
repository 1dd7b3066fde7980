import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentType, Visibility } from './document-access';

/** The content a version froze; governance (owner, status, review date) is not versioned. */
export interface DocumentSnapshot {
  title: string;
  summary: string;
  body: string;
  type: DocumentType;
  tags: string[];
  language: 'mn' | 'en';
  visibility: Visibility;
}

@Entity('knowledge_document_versions')
export class KnowledgeDocumentVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') documentId: string;
  @Column('int') version: number;
  @Column('jsonb') snapshot: DocumentSnapshot;
  @Column('text') contentHash: string;
  @Column('uuid', { nullable: true }) authorId: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
