// Courses from content/courses/: re-importing updates the draft and publishes a new version only when
// what learners see has changed.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Course } from '../courses/course.entity';
import { draftHash } from '../courses/course-draft';
import { CoursesService } from '../courses/courses.service';
import { assessmentProblems } from '../quizzes/quiz-definition';
import { CourseImportResult, CourseSource, courseDraftFromSource } from './course-content';

@Injectable()
export class CourseContentService {
  constructor(private readonly courses: CoursesService) {}

  /** In the caller's transaction; a broken course fails the whole import, naming its file. */
  async importCourses(manager: EntityManager, sources: CourseSource[], onStep: () => void = () => undefined): Promise<CourseImportResult[]> {
    const results: CourseImportResult[] = [];
    for (const source of sources) {
      const { code, draft } = courseDraftFromSource(source);
      const problems = assessmentProblems(draft.questionBanks, draft.quizzes, new Set(draft.modules.map((m) => m.id)));
      if (problems.length) throw new Error(`content/courses/${source.folder}/quiz.yaml: ${problems.join('; ')}`);
      const hash = draftHash(draft);
      const repo = manager.getRepository(Course);
      let course = await repo.createQueryBuilder('c').setLock('pessimistic_write').where('c.code = :code', { code }).getOne();
      const created = !course;
      if (!course) {
        await repo.insert({ code, ownerId: null, draft, draftHash: hash });
        course = (await repo.findOneByOrFail({ code }))!;
      } else if (course.draftHash !== hash) {
        await repo.update({ id: course.id }, { draft, draftHash: hash, draftRevision: () => 'draft_revision + 1' });
        course = { ...course, draft, draftHash: hash };
      }
      const [current] = course.currentVersionId ? await manager.query(`SELECT content_hash FROM course_versions WHERE id = $1`, [course.currentVersionId]) : [];
      if (current?.content_hash === hash) {
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
