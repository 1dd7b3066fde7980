// Sessions signed out before they ran out. A row lives only until the session would have expired
// anyway; the per-request check is part of the guard's one session query (UsersRepository).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class RevokedSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes a session until it would have ended, and clears rows whose sessions have ended. */
  async revoke(sessionId: string, userId: string, endsAt: Date): Promise<void> {
    await this.dataSource.query(
      `WITH expired AS (DELETE FROM revoked_sessions WHERE expires_at < now())
       INSERT INTO revoked_sessions (session_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, userId, endsAt],
    );
  }
}
