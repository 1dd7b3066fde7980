// SQL of the events devices made offline: their device-made ids are recorded once (primary key), so
// an event sent again is found as already recorded instead of applied twice.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class OfflineEventsRepository {
  /** Records the events not recorded before; returns the ids it recorded. */
  async record(
    manager: EntityManager,
    userId: string,
    enrollmentId: string,
    events: readonly { id: string; type: string; occurredAt: Date }[],
  ): Promise<Set<string>> {
    const recorded: { id: string }[] = await manager.query(
      `INSERT INTO offline_events (id, user_id, type, enrollment_id, occurred_at)
       SELECT id, $2, type, $3, occurred_at FROM unnest($1::uuid[], $4::text[], $5::timestamptz[]) AS x(id, type, occurred_at)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [events.map((e) => e.id), userId, enrollmentId, events.map((e) => e.type), events.map((e) => e.occurredAt)],
    );
    return new Set(recorded.map((r) => r.id));
  }

  /** Who recorded each of these events. */
  async owners(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; user_id: string }[] = await manager.query(
      `SELECT id, user_id FROM offline_events WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.user_id]));
  }
}
