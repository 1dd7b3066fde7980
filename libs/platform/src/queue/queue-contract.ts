// The one place where events, queues and job payloads meet: producers and processors share only this contract.

/** BullMQ queues (names may not contain ':'). */
export const QUEUES = ['certificates', 'metrics', 'search-index', 'notifications'] as const;
export type QueueName = (typeof QUEUES)[number];

/** Domain events written to the outbox, with their payloads. */
export interface EventPayloads {
  'user.created': { userId: string; agencyId: string };
  'course.published': { courseId: string; courseVersionId: string; version: number };
  'enrollment.completed': { enrollmentId: string; userId: string; agencyId: string; courseId: string; courseVersionId: string; completedAt: string };
  'certificate.issued': { certificateId: string; enrollmentId: string; userId: string; agencyId: string; courseId: string; issuedAt: string; expiresAt: string | null };
  'certificate.revoked': { certificateId: string; userId: string; agencyId: string; courseId: string; reason: string };
}
export type EventType = keyof EventPayloads;

/** Which queues each event is delivered to; one job per (event row, queue). */
export const EVENT_ROUTES: { readonly [E in EventType]: readonly QueueName[] } = {
  'user.created': ['metrics'],
  'course.published': ['search-index'],
  'enrollment.completed': ['certificates', 'metrics'],
  'certificate.issued': ['metrics', 'notifications'],
  'certificate.revoked': ['metrics', 'notifications'],
};

/** A job as a processor receives it: the event type is the job name, the payload its data. */
export interface OutboxJob<E extends EventType = EventType> {
  name: E;
  data: EventPayloads[E] & { eventId: string; occurredAt: string };
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_ROUTES, type);
}
