// SQL for staff records: the state a plan compares with (in a few set-based queries, whatever the
// number of people), the writes that apply a plan (one statement per kind of change, with arrays),
// the staff imports kept between preview and confirmation, and the people a connected system reads.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../roles';
import type { KnownPerson } from './staff-plan';

/** Every staff write (imports, SCIM) takes this transaction-scoped lock, so two plans never interleave. */
const STAFF_WRITE_LOCK = 1_765_200_017;

const PERSON_COLUMNS = `
  u.id, u.registration_number AS "registrationNumber", u.family_name AS "familyName", u.given_name AS "givenName",
  u.name_latin AS "nameLatin", u.name, u.email, u.phone, u.staff_number AS "staffNumber", u.agency_id AS "agencyId",
  u.position_id AS "positionId", u.supervisor_id AS "supervisorId",
  to_char(u.joined_service_on, 'YYYY-MM-DD') AS "joinedServiceOn", to_char(u.position_since, 'YYYY-MM-DD') AS "positionSince",
  to_char(COALESCE((SELECT p.valid_from FROM user_placements p WHERE p.user_id = u.id AND p.valid_to IS NULL), u.position_since), 'YYYY-MM-DD') AS "placedSince",
  to_char(u.left_on, 'YYYY-MM-DD') AS "leftOn", u.external_id AS "externalId", u.is_active AS "isActive", u.roles,
  to_char(u.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"`;

/** A person as a connected system reads them (SCIM). */
export interface StaffPersonRow extends Omit<KnownPerson, 'inScope' | 'placedSince'> {
  agencyCode: string;
  positionCode: string;
  supervisorRegistrationNumber: string | null;
  createdAt: Date;
}

export interface NewStaffRow {
  id: string;
  registrationNumber: string;
  familyName: string;
  givenName: string;
  nameLatin: string;
  name: string;
  email: string | null;
  phone: string | null;
  staffNumber: string | null;
  agencyId: string;
  positionId: string;
  joinedServiceOn: string | null;
  agencySince: string;
  positionSince: string;
  externalId: string | null;
  supervisorId: string | null;
}

export interface ChangedStaffRow extends Omit<NewStaffRow, 'agencySince' | 'positionSince' | 'supervisorId'> {
  agencySince: string | null;
  positionSince: string | null;
}

export interface StaffImportRow {
  id: string;
  agency_id: string;
  full_sync: boolean;
  file_name: string;
  file_sha256: string;
  file_size: number;
  created_by: string | null;
  created_by_label: string;
  created_at: Date;
  status: 'previewed' | 'applied';
  plan_digest: string;
  summary: unknown;
  applied_at: Date | null;
  applied_summary: unknown;
}

const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);

/** The arrays ($1–$15) both the insert and the update of people take, in their column order. */
const recordColumns = (rows: ChangedStaffRow[]) =>
  (
    [
      'id',
      'registrationNumber',
      'familyName',
      'givenName',
      'nameLatin',
      'name',
      'email',
      'phone',
      'staffNumber',
      'agencyId',
      'positionId',
      'joinedServiceOn',
      'agencySince',
      'positionSince',
      'externalId',
    ] as const
  ).map((key) => col(rows, key));

@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lockStaffWrites(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1)`, [STAFF_WRITE_LOCK]);
  }

  /** Agencies by code, with whether each lies in the subtree of `rootAgencyId` (everything when null). */
  async agencies(
    manager: EntityManager,
    rootAgencyId: string | null,
  ): Promise<{ id: string; code: string; inScope: boolean }[]> {
    return manager.query(`SELECT id, code, ($1::uuid IS NULL OR path @> ARRAY[$1::uuid]) AS "inScope" FROM agencies`, [
      rootAgencyId,
    ]);
  }

  async positions(manager: EntityManager): Promise<{ id: string; code: string }[]> {
    return manager.query(`SELECT id, code FROM positions`);
  }

  /**
   * The people a plan compares with: those named by registration number (rows and supervisors), by
   * e-mail or by id, and — for a full sync — everyone in the subtree.
   */
  async knownPeople(
    manager: EntityManager,
    match: { registrationNumbers: string[]; emails: string[]; ids: string[] },
    rootAgencyId: string | null,
    wholeSubtree: boolean,
  ): Promise<KnownPerson[]> {
    const rows: KnownPerson[] = await manager.query(
      `SELECT ${PERSON_COLUMNS}, ($4::uuid IS NULL OR a.path @> ARRAY[$4::uuid]) AS "inScope"
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.registration_number = ANY($1::text[]) OR u.email = ANY($2::text[]) OR u.id = ANY($3::uuid[])
           OR ($5 AND ($4::uuid IS NULL OR a.path @> ARRAY[$4::uuid]))`,
      [match.registrationNumbers, match.emails, match.ids, rootAgencyId, wholeSubtree],
    );
    return rows;
  }

  /**
   * Inserts new people, in the order given: a supervisor among them must come before the people
   * they supervise (the foreign key is checked statement by statement).
   */
  async insertPeople(manager: EntityManager, rows: NewStaffRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000);
      await manager.query(
        `INSERT INTO users (id, registration_number, family_name, given_name, name_latin, name, email, phone, staff_number,
                            agency_id, position_id, joined_service_on, agency_since, position_since, external_id, supervisor_id,
                            roles, password_hash)
         SELECT *, ARRAY['learner']::text[], NULL FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::text[], $10::uuid[], $11::uuid[], $12::date[], $13::date[], $14::date[], $15::text[], $16::uuid[])`,
        [...recordColumns(chunk), col(chunk, 'supervisorId')],
      );
    }
  }

  /** Writes the records of people who change (updates, moves, people coming back: active again). */
  async updatePeople(manager: EntityManager, rows: ChangedStaffRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000);
      await manager.query(
        `UPDATE users u
            SET registration_number = c.registration_number, family_name = c.family_name, given_name = c.given_name,
                name_latin = c.name_latin, name = c.name, email = c.email, phone = c.phone, staff_number = c.staff_number,
                agency_id = c.agency_id, position_id = c.position_id,
                joined_service_on = COALESCE(c.joined_service_on, u.joined_service_on),
                agency_since = COALESCE(c.agency_since, u.agency_since), position_since = COALESCE(c.position_since, u.position_since),
                external_id = COALESCE(c.external_id, u.external_id), is_active = true, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                       $10::uuid[], $11::uuid[], $12::date[], $13::date[], $14::date[], $15::text[])
                AS c(id, registration_number, family_name, given_name, name_latin, name, email, phone, staff_number,
                     agency_id, position_id, joined_service_on, agency_since, position_since, external_id)
          WHERE u.id = c.id`,
        recordColumns(chunk),
      );
    }
  }

  async setSupervisors(
    manager: EntityManager,
    pairs: { userId: string; supervisorId: string | null }[],
  ): Promise<void> {
    if (!pairs.length) return;
    await manager.query(
      `UPDATE users u SET supervisor_id = s.supervisor_id, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[]) AS s(user_id, supervisor_id)
        WHERE u.id = s.user_id AND u.supervisor_id IS DISTINCT FROM s.supervisor_id`,
      [col(pairs, 'userId'), col(pairs, 'supervisorId')],
    );
  }

  /** Leavers: inactive, and every session of theirs ends (tokens carry the version they were issued under). */
  async deactivate(manager: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await manager.query(
      `UPDATE users SET is_active = false, token_version = token_version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  // ---- staff imports ----

  async insertImport(
    manager: EntityManager,
    row: Omit<StaffImportRow, 'id' | 'created_at' | 'status' | 'applied_at' | 'applied_summary'> & { content: Buffer },
  ): Promise<string> {
    const [created] = await manager.query(
      `INSERT INTO staff_imports (agency_id, full_sync, file_name, file_sha256, file_size, content, created_by, created_by_label, plan_digest, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        row.agency_id,
        row.full_sync,
        row.file_name,
        row.file_sha256,
        row.file_size,
        row.content,
        row.created_by,
        row.created_by_label,
        row.plan_digest,
        JSON.stringify(row.summary),
      ],
    );
    return created.id;
  }

  async findImport(id: string, manager?: EntityManager, lock = false): Promise<StaffImportRow | undefined> {
    const [row] = await (manager ?? this.dataSource.manager).query(
      `SELECT id, agency_id, full_sync, file_name, file_sha256, file_size, created_by, created_by_label, created_at, status,
              plan_digest, summary, applied_at, applied_summary
         FROM staff_imports WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row;
  }

  async importContent(manager: EntityManager, id: string): Promise<Buffer> {
    const [row] = await manager.query(`SELECT content FROM staff_imports WHERE id = $1`, [id]);
    return row.content;
  }

  /** Applied: the file itself is no longer kept (the digest and the summary are). */
  async markApplied(manager: EntityManager, id: string, summary: unknown): Promise<void> {
    await manager.query(
      `UPDATE staff_imports SET status = 'applied', applied_at = now(), applied_summary = $2, content = NULL WHERE id = $1`,
      [id, JSON.stringify(summary)],
    );
  }

  /** The latest imports into agencies of the subtree (all when null). */
  async listImports(
    rootAgencyId: string | null,
    offset: number,
    limit: number,
  ): Promise<{ rows: StaffImportRow[]; total: number }> {
    const where = `($1::uuid IS NULL OR s.agency_id IN (SELECT id FROM agencies WHERE path @> ARRAY[$1::uuid]))`;
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT s.id, s.agency_id, s.full_sync, s.file_name, s.file_sha256, s.file_size, s.created_by, s.created_by_label,
                s.created_at, s.status, s.plan_digest, s.summary, s.applied_at, s.applied_summary
           FROM staff_imports s WHERE ${where} ORDER BY s.created_at DESC, s.id LIMIT $2 OFFSET $3`,
        [rootAgencyId, limit, offset],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM staff_imports s WHERE ${where}`, [rootAgencyId]),
    ]);
    return { rows, total: count.total };
  }

  // ---- people, as a connected system reads them ----

  async findPeople(
    rootAgencyId: string | null,
    filter: { registrationNumber?: string; externalId?: string },
    offset: number,
    limit: number,
  ): Promise<{ rows: StaffPersonRow[]; total: number }> {
    const where = `($1::uuid IS NULL OR a.path @> ARRAY[$1::uuid]) AND u.registration_number IS NOT NULL
                   AND ($2::text IS NULL OR u.registration_number = $2) AND ($3::text IS NULL OR u.external_id = $3)`;
    const params = [rootAgencyId, filter.registrationNumber ?? null, filter.externalId ?? null];
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${PERSON_COLUMNS}, a.code AS "agencyCode", pos.code AS "positionCode", s.registration_number AS "supervisorRegistrationNumber",
                u.created_at AS "createdAt"
           FROM users u JOIN agencies a ON a.id = u.agency_id JOIN positions pos ON pos.id = u.position_id
           LEFT JOIN users s ON s.id = u.supervisor_id
          WHERE ${where} ORDER BY u.created_at, u.id LIMIT $4 OFFSET $5`,
        [...params, limit, offset],
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM users u JOIN agencies a ON a.id = u.agency_id WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total: count.total };
  }

  async findPerson(rootAgencyId: string | null, id: string): Promise<StaffPersonRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS}, a.code AS "agencyCode", pos.code AS "positionCode", s.registration_number AS "supervisorRegistrationNumber",
              u.created_at AS "createdAt"
         FROM users u JOIN agencies a ON a.id = u.agency_id JOIN positions pos ON pos.id = u.position_id
         LEFT JOIN users s ON s.id = u.supervisor_id
        WHERE u.id = $2 AND ($1::uuid IS NULL OR a.path @> ARRAY[$1::uuid])`,
      [rootAgencyId, id],
    );
    return row;
  }
}

export type { Role };
