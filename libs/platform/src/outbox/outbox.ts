import { EntityManager } from 'typeorm';
import { EventPayloads, EventType } from '../queue/queue-contract';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Records an event in the same transaction as the change that caused it; call with the
 * transaction's EntityManager so both commit or neither does. Nothing touches Redis here.
 */
export async function addOutboxEvent<E extends EventType>(
  manager: EntityManager,
  type: E,
  payload: EventPayloads[E],
): Promise<string> {
  const result = await manager.insert(OutboxEvent, { type, payload });
  return result.identifiers[0].id as string;
}

/**
 * addOutboxEvent for many events of one type in one statement (a reminder run or a cancelled
 * session may concern thousands of people); returns their ids in the order given.
 */
export async function addOutboxEvents<E extends EventType>(
  manager: EntityManager,
  type: E,
  payloads: readonly EventPayloads[E][],
): Promise<string[]> {
  if (!payloads.length) return [];
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO outbox_events (type, payload) SELECT $1, p.payload FROM unnest($2::jsonb[]) WITH ORDINALITY AS p(payload, n) ORDER BY p.n RETURNING id`,
    [type, payloads.map((p) => JSON.stringify(p))],
  );
  return rows.map((r) => r.id);
}
