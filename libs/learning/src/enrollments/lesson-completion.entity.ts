import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('lesson_completions')
export class LessonCompletion {
  @PrimaryColumn('uuid') enrollmentId: string;
  @PrimaryColumn('uuid') lessonId: string;
  @Column('timestamptz') completedAt: Date;
}
