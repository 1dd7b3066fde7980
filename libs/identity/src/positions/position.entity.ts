import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const POSITION_CATEGORIES = ['political', 'administrative', 'special', 'support'] as const;
export type PositionCategory = (typeof POSITION_CATEGORIES)[number];

/** A civil-service position (job title) in one of the four categories of the Law on Civil Service. */
@Entity('positions')
export class Position {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') nameMn: string;
  @Column('text') nameEn: string;
  @Column('text') category: PositionCategory;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
