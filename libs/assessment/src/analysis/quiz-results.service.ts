import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { CoursesService } from '@chadavkhi/learning';
import { AttemptsRepository } from '../attempts/attempts.repository';
import { QuizResultsView } from './dto/quiz-results.view';
import { itemAnalysis } from './item-analysis';

/**
 * Results of a quiz across its course's versions, for the trainer who owns the course. Attempts are
 * counted only on those versions: another course may carry the same quiz id.
 */
@Injectable()
export class QuizResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attempts: AttemptsRepository,
    private readonly courses: CoursesService,
  ) {}

  async results(actor: AuthUser, quizId: string, courseId?: string): Promise<QuizResultsView> {
    const {
      courseId: ownCourseId,
      quiz,
      versionIds,
    } = await this.courses.authoredCourseOfQuiz(actor, quizId, courseId);
    const rows = await this.attempts.submittedOn(quizId, versionIds);
    const prompts = new Map<string, string>();
    for (const versionId of new Set(rows.map((r) => r.courseVersionId))) {
      const { questionBanks } = await this.courses.assessmentOf(this.dataSource.manager, versionId);
      for (const q of questionBanks.flatMap((b) => b.questions)) prompts.set(q.id, q.prompt);
    }
    const stats = itemAnalysis(rows.map((r) => ({ percent: r.percent, items: r.results })));
    const percents = rows.map((r) => r.percent);
    return {
      quizId,
      courseId: ownCourseId,
      title: quiz.title,
      passMarkPercent: quiz.passMarkPercent,
      submittedAttempts: rows.length,
      passRate: rows.length ? Math.round((rows.filter((r) => r.passed).length / rows.length) * 1000) / 1000 : null,
      meanPercent: rows.length ? Math.round((percents.reduce((a, b) => a + b, 0) / rows.length) * 100) / 100 : null,
      questions: stats
        .map((s) => ({ ...s, prompt: prompts.get(s.questionId) ?? '' }))
        .sort((a, b) => (a.discrimination ?? 2) - (b.discrimination ?? 2)),
    };
  }
}
