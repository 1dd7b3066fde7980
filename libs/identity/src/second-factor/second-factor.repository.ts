// SQL for the second factor: each person's sealed TOTP secret and last accepted step, their
// recovery codes (keyed hashes), and the challenges a correct password earns. Methods that take an
// EntityManager run in the caller's transaction.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../roles';

export type ChallengePurpose = 'sign-in' | 're-enrol';

export interface ChallengeRow {
  id: string;
  userId: string;
  purpose: ChallengePurpose;
  tokenVersion: number;
  failures: number;
  pendingSecret: Buffer | null;
  /** The person as they are now: a challenge is void once their token version moved on. */
  user: { email: string | null; roles: Role[]; isActive: boolean; tokenVersion: number };
}

export interface FactorRow {
  secret: Buffer;
  confirmedAt: Date;
  lastTimeStep: number | null;
}

@Injectable()
export class SecondFactorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a new challenge, clearing the person's expired ones. */
  async addChallenge(
    challenge: { id: string; userId: string; purpose: ChallengePurpose; tokenVersion: number; expiresAt: Date },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `WITH old AS (DELETE FROM second_factor_challenges WHERE user_id = $2 AND expires_at < now())
       INSERT INTO second_factor_challenges (id, user_id, purpose, token_version, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [challenge.id, challenge.userId, challenge.purpose, challenge.tokenVersion, challenge.expiresAt],
    );
  }

  /** An unexpired challenge with its person; locked until the transaction ends when a manager is given. */
  async findChallenge(id: string, manager?: EntityManager): Promise<ChallengeRow | undefined> {
    const [row] = await (manager ?? this.dataSource.manager).query(
      `SELECT c.id, c.user_id, c.purpose, c.token_version, c.failures, c.pending_secret,
              u.email, u.roles, u.is_active, u.token_version AS user_token_version
         FROM second_factor_challenges c JOIN users u ON u.id = c.user_id
        WHERE c.id = $1 AND c.expires_at > now() ${manager ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          purpose: row.purpose,
          tokenVersion: row.token_version,
          failures: row.failures,
          pendingSecret: row.pending_secret,
          user: {
            email: row.email,
            roles: row.roles,
            isActive: row.is_active,
            tokenVersion: row.user_token_version,
          },
        }
      : undefined;
  }

  /** Keeps the secret an enrolment shows, so showing the page again shows the same one. */
  async setPendingSecret(id: string, sealed: Buffer): Promise<void> {
    await this.dataSource.query(
      `UPDATE second_factor_challenges SET pending_secret = coalesce(pending_secret, $2) WHERE id = $1`,
      [id, sealed],
    );
  }

  /** Counts a wrong code; returns the failures so far. */
  async addFailure(manager: EntityManager, id: string): Promise<number> {
    const [rows] = await manager.query(
      `UPDATE second_factor_challenges SET failures = failures + 1 WHERE id = $1 RETURNING failures`,
      [id],
    );
    return rows[0]?.failures ?? 0;
  }

  async deleteChallenge(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM second_factor_challenges WHERE id = $1`, [id]);
  }

  async findFactor(userId: string, manager: EntityManager = this.dataSource.manager): Promise<FactorRow | undefined> {
    const [row] = await manager.query(
      `SELECT secret, confirmed_at, last_time_step FROM second_factors WHERE user_id = $1`,
      [userId],
    );
    return row
      ? {
          secret: row.secret,
          confirmedAt: row.confirmed_at,
          lastTimeStep: row.last_time_step === null ? null : Number(row.last_time_step),
        }
      : undefined;
  }

  /** Records the step a code was accepted for; false when that step (or a later one) was used already. */
  async acceptTimeStep(manager: EntityManager, userId: string, step: number): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE second_factors SET last_time_step = $2
        WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2) RETURNING user_id`,
      [userId, step],
    );
    return rows.length > 0;
  }

  /** Sets (or replaces) the person's secret and recovery codes. */
  async enrol(
    manager: EntityManager,
    userId: string,
    fields: { secret: Buffer; lastTimeStep: number | null; codeHashes: string[] },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO second_factors (user_id, secret, confirmed_at, last_time_step) VALUES ($1, $2, now(), $3)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, confirmed_at = now(), last_time_step = EXCLUDED.last_time_step`,
      [userId, fields.secret, fields.lastTimeStep],
    );
    await this.replaceRecoveryCodes(manager, userId, fields.codeHashes);
  }

  async replaceRecoveryCodes(manager: EntityManager, userId: string, codeHashes: string[]): Promise<void> {
    await manager.query(`DELETE FROM second_factor_recovery_codes WHERE user_id = $1`, [userId]);
    await manager.query(`INSERT INTO second_factor_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [
      userId,
      codeHashes,
    ]);
  }

  /** Marks an unused recovery code used; false when there is no such unused code. */
  async useRecoveryCode(manager: EntityManager, userId: string, codeHash: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE second_factor_recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
      [userId, codeHash],
    );
    return rows.length > 0;
  }

  async recoveryCodesLeft(userId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS left FROM second_factor_recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return row.left;
  }

  /** Removes the person's second factor and open challenges; false when they had none. */
  async remove(manager: EntityManager, userId: string): Promise<boolean> {
    await manager.query(`DELETE FROM second_factor_challenges WHERE user_id = $1`, [userId]);
    const [rows] = await manager.query(`DELETE FROM second_factors WHERE user_id = $1 RETURNING user_id`, [userId]);
    return rows.length > 0;
  }
}
