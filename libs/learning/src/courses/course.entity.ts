import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CourseDraft } from './course-draft';

/** A course: one editable draft, and a pointer to its current published version (if any). */
@Entity('courses')
export class Course {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Set for courses that come from content/ (their stable folder name). */
  @Column('text', { nullable: true }) code: string | null;
  @Column('uuid', { nullable: true }) ownerId: string | null;
  @Column('jsonb') draft: CourseDraft;
  @Column('text') draftHash: string;
  /** Adds one with every saved change of the draft; an edit names the revision it was made on. */
  @Column('int', { default: 1 }) draftRevision: number;
  @Column('uuid', { nullable: true }) currentVersionId: string | null;
  @Column('int', { default: 0 }) currentVersion: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
