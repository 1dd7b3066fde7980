import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AGENCY_KINDS = [
  'government',
  'ministry',
  'agency',
  'aimag',
  'capital',
  'soum',
  'district',
  'department',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** An organisation in the government tree. `path` lists its ancestors' ids and its own, root first. */
@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') kind: AgencyKind;
  @Column('text') nameMn: string;
  @Column('text') nameEn: string;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @Column('uuid', { array: true }) path: string[];
  /** Off: people here (and below) other than administrators cannot sign in with a password. */
  @Column('boolean', { default: true }) passwordSignIn: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
