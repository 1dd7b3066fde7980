import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A lesson as published in one version: its Markdown and the sanitised HTML learners read. */
@Entity('course_lessons')
export class CourseLesson {
  @PrimaryColumn('uuid') courseVersionId: string;
  @PrimaryColumn('uuid') lessonId: string;
  @Column('uuid') moduleId: string;
  @Column('int') modulePosition: number;
  @Column('int') position: number;
  @Column('text') title: string;
  @Column('text') bodyMarkdown: string;
  @Column('text') bodyHtml: string;
  @Column('text', { nullable: true }) videoUrl: string | null;
  @Column('boolean') required: boolean;
  /** A SCORM package lesson's package (scorm_packages.sha256): immutable, so the reference freezes it. */
  @Column('text', { nullable: true }) scormPackage: string | null;
}
