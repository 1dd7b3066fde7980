// A face-to-face session's paper survey sheets: the session read from learning's tables (read
// contract), the sheets written to evaluation_responses.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Answers } from '../questions/question-bank';

export interface SessionFacts {
  id: string;
  course_id: string;
  trainer_id: string;
  agency_id: string;
  agency_path: string[];
  starts_at: Date;
  ends_at: Date;
  cancelled_at: Date | null;
  course_version_id: string | null;
  course_version: number | null;
}

@Injectable()
export class PaperSheetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async session(sessionId: string): Promise<SessionFacts | undefined> {
    const rows: SessionFacts[] = await this.dataSource.query(
      `SELECT s.id, s.course_id, s.trainer_id, s.agency_id, a.path AS agency_path, s.starts_at, s.ends_at, s.cancelled_at,
              c.current_version_id AS course_version_id, c.current_version AS course_version
         FROM training_sessions s JOIN courses c ON c.id = s.course_id JOIN agencies a ON a.id = s.agency_id
        WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0];
  }

  /** Inserts the sheets not typed before; returns the numbers it recorded. */
  async insert(
    manager: EntityManager,
    s: SessionFacts,
    sheets: { number: number; answers: Answers }[],
    enteredBy: string,
  ): Promise<number[]> {
    const rows: { sheet_number: number }[] = await manager.query(
      `INSERT INTO evaluation_responses
         (session_id, sheet_number, survey, course_id, course_version_id, course_version, trainer_id, agency_id, channel, answers, entered_by)
       SELECT $1, n, 'reaction', $2, $3, $4, $5, $6, 'paper', a, $7
         FROM unnest($8::int[], $9::jsonb[]) AS x(n, a)
       ON CONFLICT (session_id, survey, sheet_number) DO NOTHING
       RETURNING sheet_number`,
      [
        s.id,
        s.course_id,
        s.course_version_id,
        s.course_version,
        s.trainer_id,
        s.agency_id,
        enteredBy,
        sheets.map((x) => x.number),
        sheets.map((x) => JSON.stringify(x.answers)),
      ],
    );
    return rows.map((r) => r.sheet_number);
  }

  async highestNumber(sessionId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT COALESCE(max(sheet_number), 0)::int AS n FROM evaluation_responses WHERE session_id = $1 AND channel = 'paper'`,
      [sessionId],
    );
    return row.n;
  }

  async count(sessionId: string, manager?: EntityManager): Promise<number> {
    const [row] = await (manager ?? this.dataSource).query(
      `SELECT count(*)::int AS n FROM evaluation_responses WHERE session_id = $1 AND channel = 'paper'`,
      [sessionId],
    );
    return row.n;
  }
}
