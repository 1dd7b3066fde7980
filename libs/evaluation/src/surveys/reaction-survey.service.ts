// Level 1 (reaction): the short survey a learner is offered when they complete a course, for
// REACTION_WINDOW_DAYS after. One sheet per enrolment: a second (a double tap, a page sent again,
// a device syncing twice) is absorbed, the first kept. Someone else's enrolment is answered as missing.
import { ConflictException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { CourseQuestionsService } from '../questions/course-questions.service';
import { Answers } from '../questions/question-bank';
import { answerSheet } from './answer-sheet';
import { SubmitSurveyDto } from './dto/submit-survey.dto';
import { SurveyFormView, SurveyResponseView, SurveyState } from './dto/survey.view';
import { Channel, ResponseRow, ResponsesRepository } from './responses.repository';
import { CompletionFacts, SurveyFactsRepository } from './survey-facts.repository';

export const REACTION_WINDOW_DAYS = 30;
const DAY = 24 * 3600 * 1000;
const NOT_YOURS = 'No enrolment of yours has this id.';

@Injectable()
export class ReactionSurveyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: SurveyFactsRepository,
    private readonly responses: ResponsesRepository,
    private readonly questions: CourseQuestionsService,
  ) {}

  async form(actor: AuthUser, enrollmentId: string, now = new Date()): Promise<SurveyFormView> {
    const facts = await this.ownCompletion(actor, enrollmentId);
    const answered = await this.responses.find(enrollmentId, 'reaction');
    const closesAt = facts.completed_at ? new Date(facts.completed_at.getTime() + REACTION_WINDOW_DAYS * DAY) : null;
    const state: SurveyState = answered
      ? 'answered'
      : facts.status !== 'completed'
        ? 'not-yet-open'
        : closesAt! < now
          ? 'closed'
          : 'open';
    return {
      survey: 'reaction',
      state,
      courseId: facts.course_id,
      courseTitle: facts.course_title,
      courseTitleEn: facts.course_title_en,
      courseLanguage: facts.course_language,
      opensAt: facts.completed_at?.toISOString() ?? null,
      closesAt: closesAt?.toISOString() ?? null,
      answeredAt: answered ? new Date(answered.submitted_at).toISOString() : null,
      questions: await this.questions.questionsFor(facts.course_id, 'reaction'),
    };
  }

  /** The learner's own answers, online (channel online) or synced from the installed app (offline). */
  async submit(
    actor: AuthUser,
    enrollmentId: string,
    dto: SubmitSurveyDto,
    options: { channel?: Channel; answeredAt?: Date; now?: Date } = {},
  ): Promise<{ created: boolean; response: SurveyResponseView }> {
    const facts = await this.ownCompletion(actor, enrollmentId);
    const kept = await this.responses.find(enrollmentId, 'reaction');
    if (kept) return { created: false, response: responseView(kept, false) };
    // A sheet answered offline counts when it was answered, not when the device found a network.
    const now = options.now ?? new Date();
    const at = options.answeredAt && options.answeredAt < now ? options.answeredAt : now;
    this.assertOpen(facts, at);
    const answers = answerSheet(await this.questions.questionsFor(facts.course_id, 'reaction'), dto.answers);
    return this.record(facts, answers, options.channel ?? 'online', null, options.answeredAt);
  }

  /**
   * A sheet answered on a device while offline (survey.answered_offline, after /sync recorded it
   * once): judged as of when it was answered, so a sheet filled in within the window counts however
   * late the device found a network. A refusal is returned, not thrown: retrying cannot change it.
   */
  async recordSynced(event: {
    enrollmentId: string;
    userId: string;
    answers: Record<string, unknown>;
    answeredAt: string;
  }): Promise<{ recorded: boolean; refused?: string }> {
    const facts = await this.facts.completion(event.enrollmentId);
    if (!facts || facts.user_id !== event.userId) return { recorded: false, refused: 'not-yours' };
    if (await this.responses.find(event.enrollmentId, 'reaction'))
      return { recorded: false, refused: 'already-answered' };
    try {
      this.assertOpen(facts, new Date(event.answeredAt));
      const answers = answerSheet(await this.questions.questionsFor(facts.course_id, 'reaction'), event.answers);
      const { created } = await this.record(facts, answers, 'offline', null, new Date(event.answeredAt));
      return { recorded: created };
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() < 500) return { recorded: false, refused: error.message };
      throw error;
    }
  }

  /** Saves a sheet unless the enrolment has one; the first one wins. */
  async record(
    facts: CompletionFacts,
    answers: Answers,
    channel: Channel,
    enteredBy: string | null,
    submittedAt?: Date,
  ): Promise<{ created: boolean; response: SurveyResponseView }> {
    const { created, row } = await this.dataSource.transaction((manager) =>
      this.responses.insertOnce(manager, {
        enrollmentId: facts.enrollment_id,
        survey: 'reaction',
        courseId: facts.course_id,
        courseVersionId: facts.course_version_id,
        courseVersion: facts.course_version,
        trainerId: facts.trainer_id,
        agencyId: facts.agency_id,
        channel,
        answers,
        enteredBy,
        submittedAt,
      }),
    );
    return { created, response: responseView(row, created) };
  }

  assertOpen(facts: CompletionFacts, at: Date): void {
    if (facts.status !== 'completed' || !facts.completed_at)
      throw new ConflictException({
        message: 'The survey opens when the course is completed.',
        slug: 'survey-not-open',
      });
    if (at.getTime() > facts.completed_at.getTime() + REACTION_WINDOW_DAYS * DAY)
      throw new ConflictException({
        message: `The survey closed ${REACTION_WINDOW_DAYS} days after the course was completed.`,
        slug: 'survey-closed',
        days: REACTION_WINDOW_DAYS,
      });
  }

  private async ownCompletion(actor: AuthUser, enrollmentId: string): Promise<CompletionFacts> {
    const facts = await this.facts.completion(enrollmentId);
    if (!facts || facts.user_id !== actor.id) throw new NotFoundException(NOT_YOURS);
    return facts;
  }
}

export function responseView(row: ResponseRow, recorded: boolean): SurveyResponseView {
  const submittedAt = new Date(row.submitted_at).toISOString();
  return {
    id: row.id,
    survey: row.survey,
    channel: row.channel,
    submittedAt,
    recorded,
    message: recorded
      ? 'Thank you: your answers are recorded.'
      : `Your answers were already recorded on ${submittedAt}; the first ones are kept and this copy was not added.`,
  };
}
