import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EnrollmentStatus = 'in_progress' | 'completed';

/** A learner on a course, pinned to the version they started on. */
@Entity('enrollments')
export class Enrollment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('uuid') courseId: string;
  @Column('uuid') courseVersionId: string;
  @Column('text') status: EnrollmentStatus;
  @Column('text') source: 'self' | 'assigned';
  @Column('timestamptz', { nullable: true }) dueAt: Date | null;
  @Column('int') progressPercent: number;
  @Column('timestamptz') enrolledAt: Date;
  @Column('timestamptz', { nullable: true }) lastActivityAt: Date | null;
  @Column('timestamptz', { nullable: true }) completedAt: Date | null;
  /** Online (lessons and quizzes) or at a face-to-face session. */
  @Column('text', { default: 'online' }) completionMode: 'online' | 'face_to_face';
}
