import { EntityManager } from 'typeorm';
import { EventPayloads, EventType } from '../queue/queue-contract';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Records an event in the same transaction as the change that caused it; call with the
 * transaction's EntityManager so both commit or neither does. Nothing touches Redis here.
 */
export async function addOutboxEvent<E extends EventType>(manager: EntityManager, type: E, payload: EventPayloads[E]): Promise<string> {
  const result = await manager.insert(OutboxEvent, { type, payload });
  return result.identifiers[0].id as string;
}
