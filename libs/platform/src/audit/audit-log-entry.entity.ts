import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what privileged thing, to what, when and from where. Append-only. */
@Entity('audit_log_entries')
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) actorEmail: string | null;
  @Column('text') action: string;
  @Column('text') targetType: string;
  @Column('text', { nullable: true }) targetId: string | null;
  @Column('jsonb', { default: {} }) details: object;
  @Column('text', { nullable: true }) ip: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
