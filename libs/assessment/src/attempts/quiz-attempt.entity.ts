import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One drawn question of an attempt: which question, and the order its options were shown in. */
export interface DrawnQuestion {
  questionId: string;
  optionOrder: number[];
}

export interface QuestionResult {
  questionId: string;
  score: number;
  max: number;
  outcome: 'correct' | 'partial' | 'incorrect' | 'unanswered';
}

/** A learner's attempt at a quiz of the version their enrolment is pinned to. */
@Entity('quiz_attempts')
export class QuizAttempt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') quizId: string;
  @Column('uuid') courseVersionId: string;
  @Column('uuid') enrollmentId: string;
  @Column('uuid') userId: string;
  @Column('int') attemptNumber: number;
  @Column('jsonb') questions: DrawnQuestion[];
  @Column('timestamptz') startedAt: Date;
  @Column('timestamptz') deadlineAt: Date;
  /** Started to be answered offline: the deadline is the time limit plus a grace for the answers to arrive. */
  @Column('boolean', { default: false }) offline: boolean;
  @Column('text') status: 'open' | 'submitted' | 'expired';
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('jsonb', { nullable: true }) answers: object | null;
  @Column('jsonb', { nullable: true }) results: QuestionResult[] | null;
  @Column('numeric', { nullable: true }) score: string | null;
  @Column('numeric', { nullable: true }) maxScore: string | null;
  @Column('numeric', { nullable: true }) percent: string | null;
  @Column('boolean', { nullable: true }) passed: boolean | null;
}
