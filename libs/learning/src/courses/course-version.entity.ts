import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { QuestionBankDefinition, QuizDefinition } from '../quizzes/quiz-definition';

export interface VersionModule {
  id: string;
  title: string;
  lessons: { id: string; title: string; required: boolean }[];
}

/** An immutable snapshot of a course's draft; enrolments pin one. */
@Entity('course_versions')
export class CourseVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') courseId: string;
  @Column('int') version: number;
  @Column('text') title: string;
  @Column('text', { nullable: true }) titleEn: string | null;
  @Column('text') summary: string;
  @Column('text', { nullable: true }) summaryEn: string | null;
  @Column('text') language: 'mn' | 'en';
  @Column('int') estimatedMinutes: number;
  @Column('int', { nullable: true }) validityMonths: number | null;
  @Column('text', { array: true }) competencyCodes: string[];
  @Column('jsonb') modules: VersionModule[];
  @Column('int') moduleCount: number;
  @Column('int') lessonCount: number;
  /** Answer keys included: never serialise these columns to a learner. */
  @Column('jsonb', { select: false }) questionBanks: QuestionBankDefinition[];
  @Column('jsonb') quizzes: QuizDefinition[];
  @Column('boolean') hasFinalQuiz: boolean;
  /** Publishing it told holders of earlier versions' certificates to renew them. */
  @Column('boolean', { default: false }) requiresRecertification: boolean;
  @Column('text') contentHash: string;
  @Column('timestamptz') publishedAt: Date;
  @Column('uuid', { nullable: true }) publishedBy: string | null;
}
