// Accounts and sessions: a person invited by HR has no password until they set one through an
// e-mailed link; signed-out sessions are refused until they would have expired anyway; one-time
// links (invitation, password reset) are single use and expire.
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS_BEFORE = `'certificate.issued','certificate.revoked','certificate.expiring','certificate.recertification','assignment.due','assignment.digest','session.cancelled'`;
const NOTIFICATION_KINDS_AFTER = `${NOTIFICATION_KINDS_BEFORE},'account.invitation','account.password_reset'`;

export class Accounts1765030000000 implements MigrationInterface {
  name = 'Accounts1765030000000';

  async up(q: QueryRunner): Promise<void> {
    // NULL: no password yet (invited), so nothing the inviter chose can sign in as them.
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
    // A session (one sign-in, however often its token is renewed) signed out before it ran out.
    await q.query(`
      CREATE TABLE revoked_sessions (
        session_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX revoked_sessions_expiry_idx ON revoked_sessions (expires_at)`);
    // The link's secret is not stored: it is an HMAC of the id under the server key (see account-links.ts).
    await q.query(`
      CREATE TABLE account_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX account_links_user_idx ON account_links (user_id) WHERE used_at IS NULL`);
    // The links are e-mailed through notifications (notification.requested).
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_AFTER}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notifications WHERE kind IN ('account.invitation','account.password_reset')`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_BEFORE}))`,
    );
    await q.query(`DROP TABLE account_links`);
    await q.query(`DROP TABLE revoked_sessions`);
    await q.query(`UPDATE users SET password_hash = '' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
  }
}
