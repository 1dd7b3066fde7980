// SQL for users: the per-request session lookup (one indexed query), the scoped staff list, and
// every write to a person's row. Methods that take an EntityManager run in the caller's transaction.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BatchedLookup, escapeLike, preparedStatement, runPrepared } from '@chadavkhi/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../roles';
import type { Placement } from './placement';
import { UserView } from './dto/user.view';
import { User } from './user.entity';

export interface SessionUser {
  id: string;
  email: string | null;
  name: string;
  roles: Role[];
  agencyId: string;
  agencyPath: string[];
  positionId: string;
  locale: 'mn' | 'en';
  isActive: boolean;
  tokenVersion: number;
}

/** A placement change: the person's row before and after. */
export interface Move {
  agencyId: string;
  positionId: string;
  isActive: boolean;
  previousAgencyId: string;
  previousPositionId: string;
  wasActive: boolean;
}

/** A person's row locked for a change, with the path of their agency (for scope checks). */
export interface LockedUser {
  id: string;
  email: string | null;
  roles: Role[];
  isActive: boolean;
  agencyPath: string[];
}

/** The columns a new person is created with. */
export type NewUser = Pick<
  User,
  'email' | 'name' | 'passwordHash' | 'roles' | 'agencyId' | 'positionId' | 'staffNumber'
> &
  Partial<Pick<User, 'locale'>>;

export interface StaffFilter {
  /** Only users whose agency lies in this agency's subtree. */
  withinAgencyId?: string;
  q?: string;
  /** Normalized; matched exactly (besides q's partial matches on name, e-mail and staff number). */
  registrationNumber?: string;
  role?: Role;
  offset: number;
  limit: number;
}

const PROFILE_COLUMNS = `
  SELECT u.id, u.email, u.name, u.roles, u.agency_id, u.position_id, u.staff_number, u.locale, u.is_active,
         u.token_version, u.last_login_at, u.created_at,
         u.registration_number, u.family_name, u.given_name, u.name_latin, u.phone, u.supervisor_id, sup.name AS supervisor_name,
         to_char(u.joined_service_on, 'YYYY-MM-DD') AS joined_service_on, to_char(u.position_since, 'YYYY-MM-DD') AS position_since,
         to_char(u.agency_since, 'YYYY-MM-DD') AS agency_since, to_char(u.left_on, 'YYYY-MM-DD') AS left_on,
         a.path AS agency_path, a.code AS agency_code, a.kind AS agency_kind, a.name_mn AS agency_name_mn, a.name_en AS agency_name_en,
         p.code AS position_code, p.name_mn AS position_name_mn, p.name_en AS position_name_en`;
const PROFILE_FROM = `
    FROM users u
    JOIN agencies a ON a.id = u.agency_id
    JOIN positions p ON p.id = u.position_id
    LEFT JOIN users sup ON sup.id = u.supervisor_id`;

const PROFILE_BY_ID = preparedStatement('identity_profile_by_id', `${PROFILE_COLUMNS} ${PROFILE_FROM} WHERE u.id = $1`);
/**
 * Every authenticated request runs it (planned once per connection), for all the requests of one turn of
 * the event loop at once: each one's profile, and whether its session has ended.
 */
const SESSION_PROFILES = preparedStatement(
  'identity_session_profiles_v3',
  `${PROFILE_COLUMNS}, q.sid AS session_id,
     NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = q.sid AND s.user_id = u.id AND s.ended_at IS NULL AND s.expires_at > now()) AS session_revoked
     FROM unnest($1::uuid[], $2::uuid[]) AS q(uid, sid)
     JOIN users u ON u.id = q.uid
     JOIN agencies a ON a.id = u.agency_id
     JOIN positions p ON p.id = u.position_id
     LEFT JOIN users sup ON sup.id = u.supervisor_id`,
);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SessionProfile = { session: SessionUser; view: UserView; revoked: boolean };

interface ProfileRow {
  id: string;
  email: string | null;
  name: string;
  roles: Role[];
  agency_id: string;
  position_id: string;
  staff_number: string | null;
  locale: 'mn' | 'en';
  is_active: boolean;
  token_version: number;
  last_login_at: Date | null;
  created_at: Date;
  registration_number: string | null;
  family_name: string | null;
  given_name: string | null;
  name_latin: string | null;
  phone: string | null;
  supervisor_id: string | null;
  supervisor_name: string | null;
  joined_service_on: string | null;
  position_since: string;
  agency_since: string;
  left_on: string | null;
  agency_path: string[];
  agency_code: string;
  agency_kind: string;
  agency_name_mn: string;
  agency_name_en: string;
  position_code: string;
  position_name_mn: string;
  position_name_en: string;
}

function toProfile(r: ProfileRow): { session: SessionUser; view: UserView } {
  return {
    session: {
      id: r.id,
      email: r.email,
      name: r.name,
      roles: r.roles,
      agencyId: r.agency_id,
      agencyPath: r.agency_path,
      positionId: r.position_id,
      locale: r.locale,
      isActive: r.is_active,
      tokenVersion: r.token_version,
    },
    view: {
      id: r.id,
      email: r.email,
      name: r.name,
      registrationNumber: r.registration_number,
      familyName: r.family_name,
      givenName: r.given_name,
      nameLatin: r.name_latin,
      phone: r.phone,
      supervisor: r.supervisor_id ? { id: r.supervisor_id, name: r.supervisor_name! } : null,
      roles: r.roles,
      agency: {
        id: r.agency_id,
        code: r.agency_code,
        kind: r.agency_kind,
        name: { mn: r.agency_name_mn, en: r.agency_name_en },
      },
      position: { id: r.position_id, code: r.position_code, name: { mn: r.position_name_mn, en: r.position_name_en } },
      staffNumber: r.staff_number,
      joinedServiceOn: r.joined_service_on,
      positionSince: r.position_since,
      agencySince: r.agency_since,
      leftOn: r.left_on,
      locale: r.locale,
      isActive: r.is_active,
      lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    },
  };
}

@Injectable()
export class UsersRepository {
  /** Session checks of concurrent requests, one query per batch (see BatchedLookup: nothing is kept). */
  private readonly sessionProfiles = new BatchedLookup<{ id: string; sessionId: string }, SessionProfile>(
    async (keys) => {
      const rows = await runPrepared<ProfileRow & { session_id: string; session_revoked: boolean }>(
        this.dataSource,
        SESSION_PROFILES,
        [keys.map((k) => k.id), keys.map((k) => k.sessionId)],
      );
      return new Map(rows.map((r) => [`${r.id}/${r.session_id}`, { ...toProfile(r), revoked: r.session_revoked }]));
    },
    (k) => `${k.id.toLowerCase()}/${k.sessionId.toLowerCase()}`,
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One primary-key query joining the user's agency and position: what authorisation needs and what GET /me returns. */
  async findProfile(id: string): Promise<{ session: SessionUser; view: UserView } | undefined> {
    const rows = await runPrepared<ProfileRow>(this.dataSource, PROFILE_BY_ID, [id]);
    return rows[0] ? toProfile(rows[0]) : undefined;
  }

  /**
   * The per-request lookup: the profile (as findProfile), and whether this session has been signed out.
   * Batched with the other requests of the same moment; ids that are not uuids find nothing.
   */
  async findSessionProfile(id: string, sessionId: string): Promise<SessionProfile | undefined> {
    if (!UUID.test(id) || !UUID.test(sessionId)) return undefined;
    return this.sessionProfiles.load({ id, sessionId });
  }

  findByEmailWithHash(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }

  /** A page of staff as profiles (with each person's agency path, for the viewer's masking rule), and how many match. */
  async listStaff(filter: StaffFilter): Promise<{ items: { view: UserView; agencyPath: string[] }[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.withinAgencyId) where.push(`a.path @> ARRAY[${param(filter.withinAgencyId)}]::uuid[]`);
    if (filter.role) where.push(`${param(filter.role)} = ANY(u.roles)`);
    if (filter.q) {
      const like = param(`%${escapeLike(filter.q)}%`);
      const exact = filter.registrationNumber ? ` OR u.registration_number = ${param(filter.registrationNumber)}` : '';
      where.push(`(u.name ILIKE ${like} OR u.email ILIKE ${like} OR u.staff_number ILIKE ${like}${exact})`);
    }
    const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counted = params.length;
    // The page's ids first, then their profiles, and the count apart: sorting or counting whole
    // profiles would build every matching one (seconds for 200,000 people) to show 25.
    const [rows, [{ total }]]: [ProfileRow[], { total: number }[]] = await Promise.all([
      this.dataSource.query(
        `${PROFILE_COLUMNS}
           FROM (SELECT u.id, u.name FROM users u JOIN agencies a ON a.id = u.agency_id ${filtered}
                  ORDER BY u.name, u.id OFFSET ${param(filter.offset)} LIMIT ${param(filter.limit)}) pg
           JOIN users u ON u.id = pg.id
           JOIN agencies a ON a.id = u.agency_id
           JOIN positions p ON p.id = u.position_id
           LEFT JOIN users sup ON sup.id = u.supervisor_id
          ORDER BY pg.name, pg.id`,
        params,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM users u JOIN agencies a ON a.id = u.agency_id ${filtered}`,
        params.slice(0, counted),
      ),
    ]);
    return { items: rows.map((r) => ({ view: toProfile(r).view, agencyPath: r.agency_path })), total };
  }

  /**
   * Applies a placement under the row lock; a new agency or position is dated today (Ulaanbaatar),
   * since due dates "N days after joining or appointment" count from it. Undefined: no such person.
   */
  async place(manager: EntityManager, id: string, to: Placement): Promise<Move | undefined> {
    const [rows]: [Move[], number] = await manager.query(
      `WITH before AS (SELECT id, agency_id, position_id, is_active FROM users WHERE id = $1 FOR UPDATE)
       UPDATE users u
          SET agency_id = COALESCE($2, u.agency_id), position_id = COALESCE($3, u.position_id), is_active = COALESCE($4, u.is_active),
              agency_since = CASE WHEN COALESCE($2, u.agency_id) <> u.agency_id THEN (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date ELSE u.agency_since END,
              position_since = CASE WHEN COALESCE($3, u.position_id) <> u.position_id THEN (now() AT TIME ZONE 'Asia/Ulaanbaatar')::date ELSE u.position_since END,
              updated_at = CASE WHEN (COALESCE($2, u.agency_id), COALESCE($3, u.position_id), COALESCE($4, u.is_active)) IS DISTINCT FROM (u.agency_id, u.position_id, u.is_active)
                                THEN now() ELSE u.updated_at END
         FROM before b WHERE u.id = b.id
       RETURNING u.agency_id AS "agencyId", u.position_id AS "positionId", u.is_active AS "isActive",
                 b.agency_id AS "previousAgencyId", b.position_id AS "previousPositionId", b.is_active AS "wasActive"`,
      [id, to.agencyId ?? null, to.positionId ?? null, to.isActive ?? null],
    );
    return rows[0];
  }

  /**
   * Brings the position history of these people in line with their rows after a change dated
   * `on` (ISO date per person; a date before the open placement began counts from its start): the
   * open placement closes, and an active person gets a new one where they now work; a deactivated
   * person's left_on is that date, a reactivated one's is cleared. Rows are never deleted; a
   * placement that began and ended the same day stays, empty.
   */
  async recordPlacements(
    manager: EntityManager,
    changes: { userId: string; on: string }[],
    newPeople = false,
  ): Promise<void> {
    if (!changes.length) return;
    const ids = changes.map((c) => c.userId);
    const dates = changes.map((c) => c.on);
    if (newPeople) {
      // People just created: no placement to close, no departure to record.
      await manager.query(
        `INSERT INTO user_placements (user_id, agency_id, position_id, valid_from)
         SELECT u.id, u.agency_id, u.position_id, m.on_date
           FROM unnest($1::uuid[], $2::date[]) AS m(user_id, on_date) JOIN users u ON u.id = m.user_id`,
        [ids, dates],
      );
      return;
    }
    await manager.query(
      `UPDATE user_placements p SET valid_to = greatest(m.on_date, p.valid_from)
         FROM unnest($1::uuid[], $2::date[]) AS m(user_id, on_date)
        WHERE p.user_id = m.user_id AND p.valid_to IS NULL`,
      [ids, dates],
    );
    await manager.query(
      `INSERT INTO user_placements (user_id, agency_id, position_id, valid_from)
       SELECT u.id, u.agency_id, u.position_id,
              greatest(m.on_date, (SELECT max(p.valid_to) FROM user_placements p WHERE p.user_id = u.id))
         FROM unnest($1::uuid[], $2::date[]) AS m(user_id, on_date) JOIN users u ON u.id = m.user_id
        WHERE u.is_active`,
      [ids, dates],
    );
    await manager.query(
      `UPDATE users u SET left_on = CASE WHEN u.is_active THEN NULL ELSE m.on_date END
         FROM unnest($1::uuid[], $2::date[]) AS m(user_id, on_date)
        WHERE u.id = m.user_id AND u.left_on IS DISTINCT FROM (CASE WHEN u.is_active THEN NULL ELSE m.on_date END)`,
      [ids, dates],
    );
  }

  /** Where the person worked, oldest first (valid_to exclusive, null while it lasts); empty same-day rows left out. */
  async placementHistory(userId: string): Promise<
    {
      agencyId: string;
      agencyCode: string;
      agencyKind: string;
      agencyNameMn: string;
      agencyNameEn: string;
      positionId: string;
      positionCode: string;
      positionNameMn: string;
      positionNameEn: string;
      validFrom: string;
      validTo: string | null;
    }[]
  > {
    return this.dataSource.query(
      `SELECT p.agency_id AS "agencyId", a.code AS "agencyCode", a.kind AS "agencyKind", a.name_mn AS "agencyNameMn", a.name_en AS "agencyNameEn",
              p.position_id AS "positionId", pos.code AS "positionCode", pos.name_mn AS "positionNameMn", pos.name_en AS "positionNameEn",
              to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(p.valid_to, 'YYYY-MM-DD') AS "validTo"
         FROM user_placements p JOIN agencies a ON a.id = p.agency_id JOIN positions pos ON pos.id = p.position_id
        WHERE p.user_id = $1 AND (p.valid_to IS NULL OR p.valid_to > p.valid_from)
        ORDER BY p.valid_from, p.id`,
      [userId],
    );
  }

  async markSignedIn(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  count(): Promise<number> {
    return this.dataSource.manager.count(User);
  }

  async emailExists(email: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS found`, [email]);
    return row.found;
  }

  /** Everyone, for the content import to compare with (a few thousand rows at most). */
  all(manager: EntityManager): Promise<User[]> {
    return manager.find(User);
  }

  findByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager.findOneBy(User, { email });
  }

  /** The person with this address, their row locked until the transaction ends. */
  lockByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .setLock('pessimistic_write')
      .where('u.email = :email', { email })
      .getOne();
  }

  /** The person's row locked until the transaction ends, with their agency's path; undefined: no such person. */
  async lock(manager: EntityManager, id: string): Promise<LockedUser | undefined> {
    const [row] = await manager.query(
      `SELECT u.id, u.email, u.roles, u.is_active, a.path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1 FOR UPDATE OF u`,
      [id],
    );
    return row
      ? { id: row.id, email: row.email, roles: row.roles, isActive: row.is_active, agencyPath: row.path }
      : undefined;
  }

  /** The agency path of whoever holds this address, if anyone does. */
  async agencyPathOfEmail(manager: EntityManager, email: string): Promise<string[] | undefined> {
    const [row] = await manager.query(
      `SELECT a.path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.email = $1`,
      [email],
    );
    return row?.path;
  }

  /** Inserts the person unless the address is taken; their id, or undefined when it was. */
  async insertUnlessEmailTaken(manager: EntityManager, fields: NewUser): Promise<string | undefined> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(fields)
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw[0]?.id as string | undefined;
  }

  /** Changes what the demo import describes of a person (not where they work: that is a placement). */
  async updateRecord(
    manager: EntityManager,
    id: string,
    record: Pick<User, 'email' | 'name' | 'roles' | 'staffNumber'>,
  ): Promise<void> {
    await manager.update(User, { id }, record);
  }

  /** Sets the password and roles and ends every session (create-admin on an existing account). */
  async resetCredentials(
    manager: EntityManager,
    id: string,
    fields: { passwordHash: string; roles: Role[]; tokenVersion: number },
  ): Promise<void> {
    await manager.update(User, { id }, fields);
  }

  /** Sets the password hash and ends every session; returns the new token version. */
  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<number> {
    const [rows] = await manager.query(
      `UPDATE users SET password_hash = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1 RETURNING token_version`,
      [id, passwordHash],
    );
    return rows[0].token_version;
  }

  async setRoles(manager: EntityManager, id: string, roles: Role[]): Promise<void> {
    await manager.query(
      `UPDATE users SET roles = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1`,
      [id, roles],
    );
  }

  /** Ends every session of the person (tokens carry the version they were issued under). */
  async endSessions(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE users SET token_version = token_version + 1, updated_at = now() WHERE id = $1`, [id]);
  }
}
