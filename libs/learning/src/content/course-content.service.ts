// Courses from content/courses/: re-importing updates the draft and publishes a new version only when
// what learners see has changed.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { draftHash } from '../courses/course-draft';
import { CoursesRepository } from '../courses/courses.repository';
import { CoursesService } from '../courses/courses.service';
import { assessmentProblems } from '../quizzes/quiz-definition';
import { CourseImportResult, CourseSource, courseDraftFromSource } from './course-content';

@Injectable()
export class CourseContentService {
  constructor(
    private readonly courses: CoursesService,
    private readonly repository: CoursesRepository,
  ) {}

  /** In the caller's transaction; a broken course fails the whole import, naming its file. */
  async importCourses(
    manager: EntityManager,
    sources: CourseSource[],
    onStep: () => void = () => undefined,
  ): Promise<CourseImportResult[]> {
    const results: CourseImportResult[] = [];
    for (const source of sources) {
      const { code, draft } = courseDraftFromSource(source);
      const problems = assessmentProblems(draft.questionBanks, draft.quizzes, new Set(draft.modules.map((m) => m.id)));
      if (problems.length) throw new Error(`content/courses/${source.folder}/quiz.yaml: ${problems.join('; ')}`);
      const hash = draftHash(draft);
      let course = await this.repository.lockByCode(manager, code);
      const created = !course;
      if (!course) {
        course = await this.repository.insertFromContent(manager, code, draft, hash);
      } else if (course.draftHash !== hash) {
        await this.repository.replaceDraft(manager, course.id, draft, hash);
        course = { ...course, draft, draftHash: hash };
      }
      const current = course.currentVersionId
        ? await this.repository.contentHash(manager, course.currentVersionId)
        : null;
      if (current === hash) {
        results.push({ code, outcome: 'unchanged', version: course.currentVersion });
      } else {
        const { version } = await this.courses.publishDraft(manager, course, null);
        results.push({ code, outcome: created ? 'created' : 'published', version });
      }
      onStep();
    }
    return results;
  }
}
