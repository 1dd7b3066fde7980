// SQL for handovers: opening them for many people in one statement (the default successor picked
// in SQL), reading one with names and its agency's path, and HR's choice of successor.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PersonMove } from './person-move';

export interface OpenedHandover {
  id: string;
  fromUserId: string;
  successorId: string | null;
  agencyId: string;
  reason: 'left' | 'moved';
  effectiveOn: string;
  version: number;
}

export interface HandoverRow extends OpenedHandover {
  fromName: string;
  fromIsActive: boolean;
  successorName: string | null;
  agencyCode: string;
  agencyNameMn: string;
  agencyNameEn: string;
  agencyPath: string[];
  createdAt: Date;
  successorSetBy: string | null;
  successorSetAt: Date | null;
}

const OPENED_COLUMNS = `h.id, h.from_user_id AS "fromUserId", h.successor_id AS "successorId", h.agency_id AS "agencyId",
  h.reason, to_char(h.effective_on, 'YYYY-MM-DD') AS "effectiveOn", h.version`;

const ROW_SELECT = `
  SELECT ${OPENED_COLUMNS}, f.name AS "fromName", f.is_active AS "fromIsActive", s.name AS "successorName",
         a.code AS "agencyCode", a.name_mn AS "agencyNameMn", a.name_en AS "agencyNameEn", a.path AS "agencyPath",
         h.created_at AS "createdAt", h.successor_set_by AS "successorSetBy", h.successor_set_at AS "successorSetAt"
    FROM handovers h
    JOIN users f ON f.id = h.from_user_id
    JOIN agencies a ON a.id = h.agency_id
    LEFT JOIN users s ON s.id = h.successor_id`;

@Injectable()
export class HandoversRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One handover per person who left (was active, is not) or moved (active before and after, in
   * another agency or position); a reactivation opens none. The default successor is the person's
   * active supervisor, else the active person whose open placement is the same position in the
   * agency they left (most recent first), else nobody. Call it after the people's rows and
   * placements are updated. One statement whatever the number of people: the next holders are
   * looked up once per (agency, position) pair, not once per person.
   */
  async open(manager: EntityManager, moves: readonly PersonMove[]): Promise<OpenedHandover[]> {
    if (!moves.length) return [];
    return manager.query(
      `WITH m AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::bool[], $7::bool[], $8::date[])
                    AS m(user_id, agency_id, previous_agency_id, position_id, previous_position_id, is_active, was_active, on_date)
          WHERE m.was_active AND (NOT m.is_active OR m.agency_id <> m.previous_agency_id OR m.position_id <> m.previous_position_id)
       ),
       pairs AS (SELECT DISTINCT previous_agency_id AS agency_id, previous_position_id AS position_id FROM m),
       holders AS MATERIALIZED (
         SELECT * FROM (
           SELECT p.agency_id, p.position_id, p.user_id,
                  row_number() OVER (PARTITION BY p.agency_id, p.position_id ORDER BY p.valid_from DESC, p.id DESC) AS rank
             FROM pairs
             JOIN user_placements p ON p.agency_id = pairs.agency_id AND p.position_id = pairs.position_id AND p.valid_to IS NULL
             JOIN users holder ON holder.id = p.user_id AND holder.is_active
         ) ranked WHERE ranked.rank <= 2
       )
       INSERT INTO handovers AS h (from_user_id, successor_id, reason, agency_id, effective_on)
       SELECT m.user_id,
              COALESCE(
                (SELECT s.id FROM users u JOIN users s ON s.id = u.supervisor_id AND s.is_active WHERE u.id = m.user_id),
                (SELECT x.user_id FROM holders x
                  WHERE x.agency_id = m.previous_agency_id AND x.position_id = m.previous_position_id
                    AND x.user_id <> m.user_id
                  ORDER BY x.rank LIMIT 1)),
              CASE WHEN m.is_active THEN 'moved' ELSE 'left' END,
              m.previous_agency_id, m.on_date
         FROM m
       RETURNING ${OPENED_COLUMNS}`,
      [
        moves.map((m) => m.userId),
        moves.map((m) => m.agencyId),
        moves.map((m) => m.previousAgencyId),
        moves.map((m) => m.positionId),
        moves.map((m) => m.previousPositionId),
        moves.map((m) => m.isActive),
        moves.map((m) => m.wasActive),
        moves.map((m) => m.on),
      ],
    );
  }

  /** The handover with names and its agency's path; row-locked when a manager in a transaction is given. */
  async find(id: string, manager?: EntityManager): Promise<HandoverRow | undefined> {
    const lock = manager ? ' FOR UPDATE OF h' : '';
    const [row] = await (manager ?? this.dataSource.manager).query(`${ROW_SELECT} WHERE h.id = $1${lock}`, [id]);
    return row;
  }

  /** Handovers the person received or gave, newest first (at most `limit`). */
  async involving(userId: string, limit: number): Promise<HandoverRow[]> {
    return this.dataSource.query(
      `${ROW_SELECT} WHERE h.successor_id = $1 OR h.from_user_id = $1 ORDER BY h.created_at DESC, h.id LIMIT $2`,
      [userId, limit],
    );
  }

  /** Handovers of agencies in this subtree still waiting for a successor, oldest first. */
  async withoutSuccessor(withinAgencyId: string, limit: number): Promise<HandoverRow[]> {
    return this.dataSource.query(
      `${ROW_SELECT} WHERE h.successor_id IS NULL AND a.path @> ARRAY[$1::uuid]
        ORDER BY h.created_at, h.id LIMIT $2`,
      [withinAgencyId, limit],
    );
  }

  /** An active person's agency path, or undefined when there is no such active person. */
  async activePersonPath(manager: EntityManager, userId: string): Promise<string[] | undefined> {
    const [row] = await manager.query(
      `SELECT a.path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 AND u.is_active`,
      [userId],
    );
    return row?.path;
  }

  /** HR's successor; the version goes up so the owning libs apply this choice over any earlier one. */
  async setSuccessor(manager: EntityManager, id: string, successorId: string, setBy: string | null): Promise<number> {
    const [rows] = await manager.query(
      `UPDATE handovers SET successor_id = $2, successor_set_by = $3, successor_set_at = now(), version = version + 1
        WHERE id = $1 RETURNING version`,
      [id, successorId, setBy],
    );
    return rows[0].version;
  }
}
