// Which valid certificates crossed a reminder threshold on a given day (Ulaanbaatar dates), stored
// as notifications in one statement. One reminder per (certificate, threshold) — the dedupe key —
// and only the nearest threshold: after days without a run, a certificate 5 days from expiry gets
// the 7-day reminder alone, not the 60- and 30-day ones it missed.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const REMINDER_THRESHOLD_DAYS = [7, 30, 60] as const;

const CREATE_DUE_REMINDERS = `
  WITH due AS (
    SELECT c.id, c.user_id, c.code, c.course_id, c.course_title, c.course_title_en, c.expires_at,
           (c.expires_at AT TIME ZONE 'Asia/Ulaanbaatar')::date - ($1::timestamptz AT TIME ZONE 'Asia/Ulaanbaatar')::date AS days_left
      FROM certificates c JOIN users u ON u.id = c.user_id AND u.is_active
     WHERE c.revoked_at IS NULL AND c.expires_at > $1::timestamptz
       AND c.expires_at < $1::timestamptz + make_interval(days => $3 + 1)
  ), crossing AS (
    SELECT due.*, (SELECT min(t) FROM unnest($2::int[]) t WHERE t >= due.days_left) AS threshold FROM due
  )
  INSERT INTO notifications (user_id, kind, dedupe_key, data)
  SELECT x.user_id, 'certificate.expiring', 'expiry:' || x.id || ':' || x.threshold,
         jsonb_build_object('certificateId', x.id, 'code', x.code, 'courseId', x.course_id, 'courseTitle', x.course_title,
                            'courseTitleEn', x.course_title_en, 'expiresAt', to_char(x.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'thresholdDays', x.threshold, 'daysLeft', x.days_left)
    FROM crossing x
   WHERE x.threshold IS NOT NULL
     AND NOT EXISTS (
       SELECT 1 FROM notifications n
        WHERE n.user_id = x.user_id
          AND n.dedupe_key IN (SELECT 'expiry:' || x.id || ':' || t FROM unnest($2::int[]) t WHERE t <= x.threshold))
  ON CONFLICT (user_id, dedupe_key) DO NOTHING
  RETURNING id`;

@Injectable()
export class ExpiryRemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates the reminders due on `today`; returns the new notifications' ids. */
  async createDue(today: Date): Promise<string[]> {
    const thresholds = [...REMINDER_THRESHOLD_DAYS];
    const rows: { id: string }[] = await this.dataSource.query(CREATE_DUE_REMINDERS, [
      today,
      thresholds,
      Math.max(...thresholds),
    ]);
    return rows.map((r) => r.id);
  }
}
