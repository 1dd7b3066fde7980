// What learners answered inside a course's SCORM packages, for the course's trainer (or an
// administrator): per package lesson and interaction id, the responses and the share correct.
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, hasRole } from '@chadavkhi/identity';
import { CoursesRepository } from '../courses/courses.repository';
import { ScormInteractionResultView, ScormLessonResultsView, ScormResultsView } from './dto/scorm-results.view';
import { ScormTrackingRepository } from './scorm-tracking.repository';

const MAX_RESPONSES = 10;

@Injectable()
export class ScormResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly tracking: ScormTrackingRepository,
  ) {}

  async results(actor: AuthUser, courseId: string): Promise<ScormResultsView> {
    const manager = this.dataSource.manager;
    const course = await this.courses.find(manager, courseId);
    if (!course) throw new NotFoundException('No course has this id.');
    if (!hasRole(actor, 'admin') && !(hasRole(actor, 'trainer') && course.ownerId === actor.id))
      throw new ForbiddenException('Only the trainer who owns this course, or an administrator, can see its results.');
    const lessons = new Map<string, ScormLessonResultsView>();
    const correct = new Map<ScormInteractionResultView, number>();
    // Rows come ordered by lesson, interaction and frequency: each interaction's rows are together.
    for (const row of await this.tracking.responseCounts(manager, courseId)) {
      let lesson = lessons.get(row.lesson_id);
      if (!lesson)
        lessons.set(row.lesson_id, (lesson = { lessonId: row.lesson_id, title: row.package_title, interactions: [] }));
      let interaction = lesson.interactions.at(-1);
      if (interaction?.id !== row.interaction_id) {
        interaction = { id: row.interaction_id, answered: 0, correctPercent: 0, responses: [] };
        lesson.interactions.push(interaction);
      }
      interaction.answered += row.answers;
      correct.set(interaction, (correct.get(interaction) ?? 0) + row.correct);
      if (interaction.responses.length < MAX_RESPONSES)
        interaction.responses.push({ response: row.learner_response, count: row.answers });
    }
    for (const [interaction, count] of correct)
      interaction.correctPercent = Math.round((count * 100) / interaction.answered);
    return { courseId, title: course.draft.title, lessons: [...lessons.values()] };
  }
}
