import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { Position } from '../positions/position.entity';
import type { Role } from '../roles';

/** A civil servant (or administrator) who signs in; belongs to one agency and holds one position. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Null for people HR records give no address (they sign in through single sign-on). */
  @Column('text', { nullable: true }) email: string | null;
  @Column('text') name: string;
  /** The national registration number, normalized (see staff/registration-number.ts); null for accounts not from HR records. */
  @Column('text', { nullable: true }) registrationNumber: string | null;
  @Column('text', { nullable: true }) familyName: string | null;
  @Column('text', { nullable: true }) givenName: string | null;
  /** "Family Given" in Latin letters, for certificates in English. */
  @Column('text', { nullable: true }) nameLatin: string | null;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('uuid', { nullable: true }) supervisorId: string | null;
  @Column('date', { nullable: true }) joinedServiceOn: string | null;
  /** Set when the person left the service (is_active false from that day). */
  @Column('date', { nullable: true }) leftOn: string | null;
  @Column('text', { nullable: true }) externalId: string | null;
  /** Null until the person sets one through their invitation link. */
  @Column('text', { select: false, nullable: true }) passwordHash: string | null;
  @Column('text', { array: true }) roles: Role[];
  @Column('uuid') agencyId: string;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'agency_id' }) agency?: Agency;
  @Column('uuid') positionId: string;
  @ManyToOne(() => Position, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'position_id' }) position?: Position;
  @Column('text', { nullable: true }) staffNumber: string | null;
  @Column('text', { default: 'mn' }) locale: 'mn' | 'en';
  @Column('boolean', { default: true }) isActive: boolean;
  /** Bumped to invalidate every token issued before (password change, deactivation). */
  @Column('int', { default: 0 }) tokenVersion: number;
  @Column('timestamptz', { nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;

  hasRole(role: Role): boolean {
    return this.roles.includes(role);
  }
}
