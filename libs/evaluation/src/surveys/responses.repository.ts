// Answer sheets (evaluation_responses): one per enrolment and survey.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Answers, Survey } from '../questions/question-bank';

export type Channel = 'online' | 'offline' | 'paper';

export interface ResponseRow {
  id: string;
  enrollment_id: string;
  survey: Survey;
  channel: Channel;
  answers: Answers;
  submitted_at: Date;
}

export interface NewResponse {
  enrollmentId: string;
  survey: Survey;
  courseId: string;
  courseVersionId: string;
  courseVersion: number;
  trainerId: string | null;
  agencyId: string;
  channel: Channel;
  answers: Answers;
  enteredBy: string | null;
  submittedAt?: Date;
}

@Injectable()
export class ResponsesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the sheet unless the enrolment has one for this survey: `created` false then, and the kept one returned. */
  async insertOnce(manager: EntityManager, r: NewResponse): Promise<{ created: boolean; row: ResponseRow }> {
    const inserted: ResponseRow[] = await manager.query(
      `INSERT INTO evaluation_responses
         (enrollment_id, survey, course_id, course_version_id, course_version, trainer_id, agency_id, channel, answers, entered_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, COALESCE($11, now()))
       ON CONFLICT (enrollment_id, survey) DO NOTHING
       RETURNING id, enrollment_id, survey, channel, answers, submitted_at`,
      [
        r.enrollmentId,
        r.survey,
        r.courseId,
        r.courseVersionId,
        r.courseVersion,
        r.trainerId,
        r.agencyId,
        r.channel,
        JSON.stringify(r.answers),
        r.enteredBy,
        r.submittedAt ?? null,
      ],
    );
    if (inserted.length) return { created: true, row: inserted[0] };
    return { created: false, row: (await this.find(r.enrollmentId, r.survey, manager))! };
  }

  async find(enrollmentId: string, survey: Survey, manager?: EntityManager): Promise<ResponseRow | undefined> {
    const rows: ResponseRow[] = await (manager ?? this.dataSource).query(
      `SELECT id, enrollment_id, survey, channel, answers, submitted_at FROM evaluation_responses WHERE enrollment_id = $1 AND survey = $2`,
      [enrollmentId, survey],
    );
    return rows[0];
  }
}
