import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a comment is about: a published public document, or an agency's published capacity-building plan. */
export type CommentSubjectKind = 'document' | 'capacity_plan';

/** A public comment on a published public subject; the owning agency must answer by due_at. */
@Entity('knowledge_comments')
export class KnowledgeComment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') subjectKind: CommentSubjectKind;
  @Column('uuid') subjectId: string;
  /** The subject's title for the owning agency's list (a plan's; a document's is read from the document). */
  @Column('text', { nullable: true }) subjectTitle: string | null;
  /** The document, for a comment on one (subjectId then names the same). */
  @Column('uuid', { nullable: true }) documentId: string | null;
  /** The document's owning agency when the comment was made: whose list it lands on. */
  @Column('uuid') ownerAgencyId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text') body: string;
  @Column('uuid', { nullable: true }) userId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz') dueAt: Date;
  @Column('text', { nullable: true }) response: string | null;
  @Column('uuid', { nullable: true }) respondedBy: string | null;
  @Column('timestamptz', { nullable: true }) respondedAt: Date | null;
}
