// Supervisors (issue 17 §6): a learner with a supervisor asks to attend a face-to-face session
// (pending) and the supervisor approves (seated or waiting, in the order of the request) or
// declines it with an optional reason; a supervisor may nominate a team member. The supervisor asked,
// the nominee, the learner decided about and a supervisor with overdue people are told
// (notification.requested).
import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS_BEFORE = `'certificate.issued','certificate.revoked','certificate.expiring','certificate.recertification','assignment.due','assignment.digest','session.cancelled','account.invitation','account.password_reset'`;
const NOTIFICATION_KINDS_AFTER = `${NOTIFICATION_KINDS_BEFORE},'session.nominated','session.requested','session.request_approved','session.request_declined','team.digest'`;

export class SupervisorApprovals1765230000000 implements MigrationInterface {
  name = 'SupervisorApprovals1765230000000';

  async up(q: QueryRunner): Promise<void> {
    // queue_position is still taken when the row is written, so an approved request keeps the
    // place of its request in the waiting list, not the place of the approval.
    await q.query(`ALTER TABLE session_registrations DROP CONSTRAINT session_registrations_status_check`);
    await q.query(`ALTER TABLE session_registrations
        ADD CONSTRAINT session_registrations_status_check CHECK (status IN ('registered','waitlisted','cancelled','pending','declined')),
        ADD COLUMN nominated boolean NOT NULL DEFAULT false,
        ADD COLUMN decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decline_reason text CHECK (length(decline_reason) BETWEEN 1 AND 500)`);
    // A supervisor's pending requests, oldest first.
    await q.query(
      `CREATE INDEX session_registrations_pending_idx ON session_registrations (queue_position) WHERE status = 'pending'`,
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_AFTER}))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM notifications WHERE kind IN ('session.nominated','session.requested','session.request_approved','session.request_declined','team.digest')`,
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS_BEFORE}))`,
    );
    await q.query(
      `UPDATE session_registrations SET status = 'cancelled', cancelled_at = now() WHERE status IN ('pending','declined')`,
    );
    await q.query(`DROP INDEX session_registrations_pending_idx`);
    await q.query(`ALTER TABLE session_registrations DROP CONSTRAINT session_registrations_status_check,
        DROP COLUMN nominated, DROP COLUMN decided_by, DROP COLUMN decided_at, DROP COLUMN decline_reason`);
    await q.query(
      `ALTER TABLE session_registrations ADD CONSTRAINT session_registrations_status_check CHECK (status IN ('registered','waitlisted','cancelled'))`,
    );
  }
}
