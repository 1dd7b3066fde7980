// The notifications table: in-app rows and the state of their e-mail. Idempotent writes only:
// (user, dedupe_key) is unique, and e-mail is claimed with a lease before it is sent.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@chadavkhi/platform';
import { NotificationData, NotificationKind } from './notification-kind';

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  data: NotificationData;
  created_at: Date;
  read_at: Date | null;
  email_sent_at: Date | null;
}

/** A notification claimed for sending, with what the e-mail needs about its recipient. */
export interface ClaimedEmail extends NotificationRow {
  email: string;
  name: string;
  locale: 'mn' | 'en';
}

const COLUMNS = 'n.id, n.user_id, n.kind, n.data, n.created_at, n.read_at, n.email_sent_at';

/** Why a notification's e-mail could not be claimed: sent already, nowhere to send it, or held by a claim. */
export type EmailHold = { state: 'sent' } | { state: 'no-address' } | { state: 'held'; leaseEndsInMs: number };

@Injectable()
export class NotificationsRepository {
  /** How long a claim keeps other workers off a notification's e-mail (EMAIL_LEASE_SECONDS). */
  private readonly leaseSeconds: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.leaseSeconds = config.EMAIL_LEASE_SECONDS;
  }

  /** Stores the notification unless one with this key exists for the user; returns its id either way. */
  async upsert(
    userId: string,
    kind: NotificationKind,
    dedupeKey: string,
    data: NotificationData,
  ): Promise<{ id: string; created: boolean }> {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO notifications (user_id, kind, dedupe_key, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`,
      [userId, kind, dedupeKey, data],
    );
    if (inserted.length) return { id: inserted[0].id, created: true };
    const [row] = await this.dataSource.query(`SELECT id FROM notifications WHERE user_id = $1 AND dedupe_key = $2`, [
      userId,
      dedupeKey,
    ]);
    return { id: row.id, created: false };
  }

  async list(
    userId: string,
    unread: boolean | undefined,
    limit: number,
    offset: number,
  ): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
    const only = unread === true ? 'n.read_at IS NULL' : unread === false ? 'n.read_at IS NOT NULL' : 'true';
    const [rows, [counts]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM notifications n WHERE n.user_id = $1 AND ${only} ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
        [userId, limit, offset],
      ),
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE ${only})::int AS total, count(*) FILTER (WHERE n.read_at IS NULL)::int AS unread FROM notifications n WHERE n.user_id = $1`,
        [userId],
      ),
    ]);
    return { rows, total: counts.total, unread: counts.unread };
  }

  /** Marks the user's own notification read (the first time only); undefined if it is not theirs. */
  async markRead(id: string, userId: string): Promise<NotificationRow | undefined> {
    const [rows] = await this.dataSource.query(
      `UPDATE notifications n SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId],
    );
    return rows[0];
  }

  /**
   * Takes the e-mail of a notification for sending: only if not sent and not claimed by another
   * worker within the lease (a worker that died mid-send gives it up when the lease runs out), and only
   * for people with an address (HR records may give none: their notifications stay in the inbox).
   */
  async claimEmail(id: string): Promise<ClaimedEmail | undefined> {
    const [rows] = await this.dataSource.query(
      `UPDATE notifications n SET email_claimed_at = now(), email_attempts = email_attempts + 1
         FROM users u
        WHERE n.id = $1 AND u.id = n.user_id AND u.email IS NOT NULL AND n.email_sent_at IS NULL
          AND (n.email_claimed_at IS NULL OR n.email_claimed_at < now() - make_interval(secs => $2))
        RETURNING ${COLUMNS}, u.email, u.name, u.locale`,
      [id, this.leaseSeconds],
    );
    return rows[0];
  }

  /**
   * Why the e-mail could not be claimed: sent, the person has no address, or held, with how long the
   * claim has to run by the database's clock, the one that took it (0 when it ran out or was given
   * back meanwhile).
   */
  async emailHold(id: string): Promise<EmailHold> {
    const [row]: { sent: boolean; no_address: boolean; ends_in_ms: number | null }[] = await this.dataSource.query(
      `SELECT n.email_sent_at IS NOT NULL AS sent, u.email IS NULL AS no_address,
              ceil(extract(epoch FROM n.email_claimed_at + make_interval(secs => $2) - clock_timestamp()) * 1000)::float8 AS ends_in_ms
         FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.id = $1`,
      [id, this.leaseSeconds],
    );
    if (!row || row.sent) return { state: 'sent' };
    if (row.no_address) return { state: 'no-address' };
    return { state: 'held', leaseEndsInMs: Math.max(0, row.ends_in_ms ?? 0) };
  }

  async recordEmailSent(id: string, messageId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_sent_at = now(), email_message_id = $2, email_claimed_at = NULL, email_last_error = NULL WHERE id = $1`,
      [id, messageId],
    );
  }

  async releaseEmail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET email_claimed_at = NULL, email_last_error = $2 WHERE id = $1 AND email_sent_at IS NULL`,
      [id, error.slice(0, 500)],
    );
  }

  /** Unsent e-mail of recent notifications that nobody holds: what a lost or failed job left behind. */
  async unsentEmails(withinDays: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.email_sent_at IS NULL AND n.created_at > now() - make_interval(days => $1) AND u.email IS NOT NULL
          AND (n.email_claimed_at IS NULL OR n.email_claimed_at < now() - make_interval(secs => $2))
        ORDER BY n.created_at LIMIT $3`,
      [withinDays, this.leaseSeconds, limit],
    );
    return rows.map((r) => r.id);
  }
}
