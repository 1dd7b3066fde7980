// Which person each provider's identity belongs to (external_identities), and the people a new
// identity may be linked to. One identity links to one person; one person has at most one identity
// per provider.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A person as sign-in needs them: enough to refuse a leaver and to open a session. */
export interface SignInCandidate {
  id: string;
  tokenVersion: number;
  isActive: boolean;
  leftOn: string | null;
  agencyId: string;
}

export type LinkedBy = 'registration-number' | 'email' | 'created';

const CANDIDATE = `SELECT u.id, u.token_version, u.is_active, to_char(u.left_on, 'YYYY-MM-DD') AS left_on, u.agency_id FROM users u`;

@Injectable()
export class ExternalIdentitiesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findLinked(providerId: string, subject: string): Promise<SignInCandidate | undefined> {
    return this.one(
      `${CANDIDATE} JOIN external_identities x ON x.user_id = u.id WHERE x.provider_id = $1 AND x.subject = $2`,
      [providerId, subject],
    );
  }

  findByRegistrationNumber(registrationNumber: string): Promise<SignInCandidate | undefined> {
    return this.one(`${CANDIDATE} WHERE u.registration_number = $1`, [registrationNumber]);
  }

  findByEmail(email: string): Promise<SignInCandidate | undefined> {
    return this.one(`${CANDIDATE} WHERE u.email = $1`, [email.trim().toLowerCase()]);
  }

  /** Links; false when the identity is taken or the person is already linked at this provider (either unique key). */
  async link(
    manager: EntityManager,
    providerId: string,
    subject: string,
    userId: string,
    by: LinkedBy,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO external_identities (provider_id, subject, user_id, linked_by, last_sign_in_at)
       VALUES ($1, $2, $3, $4, now()) ON CONFLICT DO NOTHING RETURNING subject`,
      [providerId, subject, userId, by],
    );
    return rows.length > 0;
  }

  async markUsed(providerId: string, subject: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE external_identities SET last_sign_in_at = now() WHERE provider_id = $1 AND subject = $2`,
      [providerId, subject],
    );
  }

  private async one(sql: string, params: unknown[]): Promise<SignInCandidate | undefined> {
    const rows: { id: string; token_version: number; is_active: boolean; left_on: string | null; agency_id: string }[] =
      await this.dataSource.query(sql, params);
    const r = rows[0];
    return (
      r && { id: r.id, tokenVersion: r.token_version, isActive: r.is_active, leftOn: r.left_on, agencyId: r.agency_id }
    );
  }
}
