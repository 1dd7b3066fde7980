// SQL of what packages' runtimes commit: one row per enrolment × lesson × SCO, and the ids of the
// commits applied (with their answers), for idempotent retries. Every method takes the caller's
// entity manager; the service holds the enrolment's row lock while it reads and writes here.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ScormInteraction } from './scorm-runtime-data';

export interface ScormTrackingRow {
  sco_id: string;
  lesson_status: string | null;
  completion_status: string | null;
  success_status: string | null;
  done: boolean;
  score_raw: number | null;
  score_min: number | null;
  score_max: number | null;
  score_scaled: number | null;
  location: string;
  suspend_data: string;
  session_seconds: number;
  total_seconds: number;
  interactions: ScormInteraction[];
  session_id: string;
  sequence: number;
  revision: number;
}

export type ScormTrackingWrite = Omit<ScormTrackingRow, 'sco_id'> & {
  enrollmentId: string;
  lessonId: string;
  scoId: string;
};

/** How often one response was given to one interaction of a package lesson, and how often it was correct. */
export interface ScormResponseCount {
  lesson_id: string;
  package_title: string;
  interaction_id: string;
  learner_response: string;
  answers: number;
  correct: number;
}

@Injectable()
export class ScormTrackingRepository {
  async ofLesson(manager: EntityManager, enrollmentId: string, lessonId: string): Promise<ScormTrackingRow[]> {
    return manager.query(
      `SELECT sco_id, lesson_status, completion_status, success_status, done, score_raw, score_min, score_max,
              score_scaled, location, suspend_data, session_seconds, total_seconds, interactions, session_id, sequence, revision
         FROM scorm_tracking WHERE enrollment_id = $1 AND lesson_id = $2`,
      [enrollmentId, lessonId],
    );
  }

  async save(manager: EntityManager, w: ScormTrackingWrite): Promise<void> {
    await manager.query(
      `INSERT INTO scorm_tracking (enrollment_id, lesson_id, sco_id, lesson_status, completion_status, success_status, done,
              score_raw, score_min, score_max, score_scaled, location, suspend_data, session_seconds, total_seconds,
              interactions, session_id, sequence, revision, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now())
       ON CONFLICT (enrollment_id, lesson_id, sco_id) DO UPDATE SET
         lesson_status = EXCLUDED.lesson_status, completion_status = EXCLUDED.completion_status,
         success_status = EXCLUDED.success_status, done = EXCLUDED.done, score_raw = EXCLUDED.score_raw,
         score_min = EXCLUDED.score_min, score_max = EXCLUDED.score_max, score_scaled = EXCLUDED.score_scaled,
         location = EXCLUDED.location, suspend_data = EXCLUDED.suspend_data, session_seconds = EXCLUDED.session_seconds,
         total_seconds = EXCLUDED.total_seconds, interactions = EXCLUDED.interactions, session_id = EXCLUDED.session_id,
         sequence = EXCLUDED.sequence, revision = EXCLUDED.revision, updated_at = now()`,
      [
        w.enrollmentId,
        w.lessonId,
        w.scoId,
        w.lesson_status,
        w.completion_status,
        w.success_status,
        w.done,
        w.score_raw,
        w.score_min,
        w.score_max,
        w.score_scaled,
        w.location,
        w.suspend_data,
        w.session_seconds,
        w.total_seconds,
        JSON.stringify(w.interactions),
        w.session_id,
        w.sequence,
        w.revision,
      ],
    );
  }

  /** The answer given to a commit applied before, with where it went. */
  async findCommit(
    manager: EntityManager,
    commitId: string,
  ): Promise<{ enrollment_id: string; lesson_id: string; sco_id: string; result: unknown } | undefined> {
    const [row] = await manager.query(
      `SELECT enrollment_id, lesson_id, sco_id, result FROM scorm_commits WHERE commit_id = $1`,
      [commitId],
    );
    return row;
  }

  async recordCommit(
    manager: EntityManager,
    c: { commitId: string; enrollmentId: string; lessonId: string; scoId: string; result: unknown },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO scorm_commits (commit_id, enrollment_id, lesson_id, sco_id, result) VALUES ($1, $2, $3, $4, $5)`,
      [c.commitId, c.enrollmentId, c.lessonId, c.scoId, JSON.stringify(c.result)],
    );
  }

  /**
   * Deletes at most `limit` of the applied commits recorded before `before`, oldest first (by
   * scorm_commits_created_at), skipping rows another run has claimed; how many went. One statement,
   * so its locks last one short batch.
   */
  async deleteCommitsBefore(manager: EntityManager, before: Date, limit: number): Promise<number> {
    // A DELETE answers [rows, count] through TypeORM.
    const [, deleted]: [unknown[], number] = await manager.query(
      `DELETE FROM scorm_commits WHERE commit_id IN (
         SELECT commit_id FROM scorm_commits WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    );
    return deleted;
  }

  /**
   * The scored interactions (those with a result) of a course's package lessons over every enrolment
   * and version, counted per lesson, interaction and response, in one grouped query.
   */
  async responseCounts(manager: EntityManager, courseId: string): Promise<ScormResponseCount[]> {
    return manager.query(
      `SELECT t.lesson_id, p.title AS package_title, i->>'id' AS interaction_id,
              COALESCE(i->>'learnerResponse', '') AS learner_response, count(*)::int AS answers,
              count(*) FILTER (WHERE i->>'result' = 'correct')::int AS correct
         FROM scorm_tracking t
         JOIN enrollments e ON e.id = t.enrollment_id
         JOIN course_lessons cl ON cl.course_version_id = e.course_version_id AND cl.lesson_id = t.lesson_id
         JOIN scorm_packages p ON p.sha256 = cl.scorm_package
         CROSS JOIN LATERAL jsonb_array_elements(t.interactions) i
        WHERE e.course_id = $1 AND i->>'result' IS NOT NULL
        GROUP BY t.lesson_id, p.title, i->>'id', COALESCE(i->>'learnerResponse', '')
        ORDER BY p.title, t.lesson_id, i->>'id', count(*) DESC`,
      [courseId],
    );
  }
}
