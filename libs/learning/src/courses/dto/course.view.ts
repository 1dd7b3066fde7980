import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import type { VersionModule } from '../course-version.entity';

export class OutlineLesson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() required: boolean;
}
export class OutlineModule {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [OutlineLesson] }) lessons: OutlineLesson[];
}

/** A published course as the catalogue shows it. */
export class CourseSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: "The course's catalogue code, when it has one" })
  code: string | null;
  @ApiProperty({ description: 'Current published version number' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) titleEn: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: String, nullable: true }) summaryEn: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) language: 'mn' | 'en';
  @ApiProperty() estimatedMinutes: number;
  @ApiProperty({ type: Number, nullable: true, description: 'How long a certificate lasts; null: for good' })
  validityMonths: number | null;
  @ApiProperty({ type: [String] }) competencyCodes: string[];
  @ApiProperty() moduleCount: number;
  @ApiProperty() lessonCount: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

/** A page of the published catalogue. */
export class CoursePageView extends PageView(CourseSummaryView) {}

export class MyEnrollmentRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['in_progress', 'completed'] }) status: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progressPercent: number;
  @ApiProperty({ description: 'The version the learner is on' }) version: number;
}

export class CourseDetailView extends CourseSummaryView {
  @ApiProperty({ type: [OutlineModule] }) modules: OutlineModule[];
  @ApiProperty({ type: MyEnrollmentRef, nullable: true, description: "The caller's enrolment, or null" })
  enrollment: MyEnrollmentRef | null;
}

export function outline(modules: VersionModule[]): OutlineModule[] {
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, required: l.required })),
  }));
}

export interface VersionRow {
  course_id: string;
  code: string | null;
  version: number;
  title: string;
  title_en: string | null;
  summary: string;
  summary_en: string | null;
  language: 'mn' | 'en';
  estimated_minutes: number;
  validity_months: number | null;
  competency_codes: string[];
  module_count: number;
  lesson_count: number;
  published_at: Date;
}

export function courseSummary(r: VersionRow): CourseSummaryView {
  return {
    id: r.course_id,
    code: r.code,
    version: r.version,
    title: r.title,
    titleEn: r.title_en,
    summary: r.summary,
    summaryEn: r.summary_en,
    language: r.language,
    estimatedMinutes: r.estimated_minutes,
    validityMonths: r.validity_months,
    competencyCodes: r.competency_codes,
    moduleCount: r.module_count,
    lessonCount: r.lesson_count,
    publishedAt: new Date(r.published_at).toISOString(),
  };
}
