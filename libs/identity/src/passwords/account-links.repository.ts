// One-time account links (invitation, password reset): created with the caller's transaction,
// used at most once, void once expired or once the password is set another way.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type AccountLinkPurpose = 'invitation' | 'password_reset';

@Injectable()
export class AccountLinksRepository {
  async create(
    manager: EntityManager,
    userId: string,
    purpose: AccountLinkPurpose,
    validSeconds: number,
  ): Promise<{ id: string; expiresAt: Date }> {
    const [row] = await manager.query(
      `INSERT INTO account_links (user_id, purpose, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id, expires_at`,
      [userId, purpose, validSeconds],
    );
    return { id: row.id, expiresAt: row.expires_at };
  }

  /** Marks an unused, unexpired link used and says whose it is; undefined when it cannot be used. */
  async use(
    manager: EntityManager,
    linkId: string,
  ): Promise<{ userId: string; purpose: AccountLinkPurpose } | undefined> {
    const [rows] = await manager.query(
      `UPDATE account_links SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, purpose`,
      [linkId],
    );
    return rows[0] ? { userId: rows[0].user_id, purpose: rows[0].purpose } : undefined;
  }

  /** Voids every open link of a person (their password was just set, or a newer link replaces them). */
  async voidOpen(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE account_links SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }
}
