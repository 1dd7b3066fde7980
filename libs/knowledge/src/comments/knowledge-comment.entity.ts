import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A public comment on a published public document; the owning agency must answer by due_at. */
@Entity('knowledge_comments')
export class KnowledgeComment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') documentId: string;
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
