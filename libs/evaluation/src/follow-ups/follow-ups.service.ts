// Level 3 (behaviour): about FOLLOW_UP_AFTER_DAYS after a completion the learner and their
// supervisor are each asked whether the training is being applied, with an example. A daily round
// opens the follow-ups whose day has come and reminds those unanswered every REMINDER_EVERY_DAYS
// (at most MAX_REMINDERS), each by a notification.requested written in the same transaction.
// The round is idempotent: a follow-up is unique per completion and role, and a reminder is counted
// on its row, so a retried or doubled round opens and reminds nothing twice (and the notification's
// dedupe key absorbs a re-delivered event).
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@chadavkhi/identity';
import { addOutboxEvents } from '@chadavkhi/platform';
import { CourseQuestionsService } from '../questions/course-questions.service';
import { answerSheet } from '../surveys/answer-sheet';
import { SubmitSurveyDto } from '../surveys/dto/submit-survey.dto';
import { SurveyFormView, SurveyResponseView } from '../surveys/dto/survey.view';
import { responseView } from '../surveys/reaction-survey.service';
import { ResponsesRepository } from '../surveys/responses.repository';
import { SurveyFactsRepository } from '../surveys/survey-facts.repository';
import { FollowUpListView, FollowUpRoundView, FollowUpView } from './dto/follow-up.view';
import { FollowUpNotice, FollowUpRow, FollowUpsRepository } from './follow-ups.repository';

export const FOLLOW_UP_AFTER_DAYS = 90;
/** How long a follow-up takes answers once open. */
export const FOLLOW_UP_OPEN_DAYS = 30;
export const REMINDER_EVERY_DAYS = 7;
export const MAX_REMINDERS = 2;
/** A round also opens follow-ups a missed round (a stopped worker) left behind, this far back. */
const CATCH_UP_DAYS = 14;
const LIST_LIMIT = 50;
const DAY = 24 * 3600 * 1000;
const NOT_YOURS = 'No follow-up of yours has this id.';

@Injectable()
export class FollowUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly followUps: FollowUpsRepository,
    private readonly responses: ResponsesRepository,
    private readonly facts: SurveyFactsRepository,
    private readonly questions: CourseQuestionsService,
  ) {}

  /** The daily round as of `asOf` (now, or a later moment a test moves to). */
  async round(asOf = new Date()): Promise<FollowUpRoundView> {
    return this.dataSource.transaction(async (manager) => {
      const to = new Date(asOf.getTime() - FOLLOW_UP_AFTER_DAYS * DAY);
      const opened = await this.followUps.open(manager, {
        from: new Date(to.getTime() - CATCH_UP_DAYS * DAY),
        to,
        afterDays: FOLLOW_UP_AFTER_DAYS,
        openDays: FOLLOW_UP_OPEN_DAYS,
      });
      const reminded = await this.followUps.remind(manager, asOf, REMINDER_EVERY_DAYS, MAX_REMINDERS);
      const notices = [
        ...(await this.followUps.notices(manager, opened)).map((n) => request(n, 'evaluation.follow_up')),
        ...(await this.followUps.notices(manager, reminded)).map((n) => request(n, 'evaluation.follow_up_reminder')),
      ];
      await addOutboxEvents(manager, 'notification.requested', notices);
      return { opened: opened.length, reminded: reminded.length };
    });
  }

  async mine(actor: AuthUser, now = new Date()): Promise<FollowUpListView> {
    return { items: (await this.followUps.mine(actor.id, now, LIST_LIMIT)).map((r) => view(r, now)) };
  }

  async form(actor: AuthUser, id: string, now = new Date()): Promise<SurveyFormView & { followUp: FollowUpView }> {
    const row = await this.own(actor, id);
    const survey = row.role === 'learner' ? 'learner_follow_up' : 'supervisor_follow_up';
    const v = view(row, now);
    return {
      survey,
      state: v.state === 'open' && row.opens_at > now ? 'not-yet-open' : (v.state as 'open' | 'answered' | 'closed'),
      courseId: row.course_id,
      courseTitle: row.course_title,
      courseTitleEn: row.course_title_en,
      courseLanguage: row.course_language,
      opensAt: v.opensAt,
      closesAt: v.closesAt,
      answeredAt: v.answeredAt,
      questions: await this.questions.questionsFor(row.course_id, survey),
      followUp: v,
    };
  }

  /** The respondent's answers, once; a second sheet is absorbed and the first kept. */
  async answer(
    actor: AuthUser,
    id: string,
    dto: SubmitSurveyDto,
    now = new Date(),
  ): Promise<{ created: boolean; response: SurveyResponseView }> {
    const first = await this.own(actor, id);
    const survey = first.role === 'learner' ? 'learner_follow_up' : 'supervisor_follow_up';
    const answers = answerSheet(await this.questions.questionsFor(first.course_id, survey), dto.answers);
    const facts = await this.facts.completion(first.enrollment_id);
    if (!facts) throw new NotFoundException(NOT_YOURS);
    return this.dataSource.transaction(async (manager) => {
      const row = (await this.followUps.find(id, manager, true))!;
      if (row.answered_at) {
        const kept = await this.responses.find(row.enrollment_id, survey, manager);
        return { created: false, response: responseView(kept!, false) };
      }
      if (row.opens_at > now)
        throw new ConflictException({ message: 'This follow-up is not open yet.', slug: 'survey-not-open' });
      if (row.closes_at <= now)
        throw new ConflictException({
          message: `This follow-up closed on ${row.closes_at.toISOString().slice(0, 10)}; answers are no longer taken.`,
          slug: 'survey-closed',
        });
      const { created, row: kept } = await this.responses.insertOnce(manager, {
        enrollmentId: row.enrollment_id,
        survey,
        courseId: facts.course_id,
        courseVersionId: facts.course_version_id,
        courseVersion: facts.course_version,
        trainerId: facts.trainer_id,
        // The learner's agency: a supervisor's answer is about their staff member's training.
        agencyId: facts.agency_id,
        channel: 'online',
        answers,
        enteredBy: null,
      });
      await this.followUps.markAnswered(manager, id, now);
      return { created, response: responseView(kept, created) };
    });
  }

  private async own(actor: AuthUser, id: string): Promise<FollowUpRow> {
    const row = await this.followUps.find(id);
    if (!row || row.respondent_id !== actor.id) throw new NotFoundException(NOT_YOURS);
    return row;
  }
}

function view(r: FollowUpRow, now: Date): FollowUpView {
  return {
    id: r.id,
    role: r.role,
    state: r.answered_at ? 'answered' : r.closes_at <= now ? 'closed' : 'open',
    courseId: r.course_id,
    courseTitle: r.course_title,
    courseTitleEn: r.course_title_en,
    courseLanguage: r.course_language,
    learnerName: r.learner_name,
    completedAt: r.completed_at.toISOString(),
    opensAt: r.opens_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
    answeredAt: r.answered_at?.toISOString() ?? null,
  };
}

function request(n: FollowUpNotice, kind: 'evaluation.follow_up' | 'evaluation.follow_up_reminder') {
  return {
    userId: n.respondent_id,
    kind,
    dedupeKey: kind === 'evaluation.follow_up' ? `follow-up:${n.id}` : `follow-up:${n.id}:reminder:${n.reminders_sent}`,
    data: {
      followUpId: n.id,
      followUpRole: n.role,
      courseId: n.course_id,
      courseTitle: n.course_title,
      courseTitleEn: n.course_title_en,
      learnerName: n.learner_name,
      closesAt: n.closes_at.toISOString(),
    },
  };
}
