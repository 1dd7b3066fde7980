// The one place where events, queues and job payloads meet: producers and processors share only this contract.

/** BullMQ queues (names may not contain ':'). */
export const QUEUES = [
  'certificates',
  'metrics',
  'search-index',
  'notifications',
  'knowledge-handovers',
  'learning-handovers',
  'evaluation',
  'plans',
  'learning',
] as const;
export type QueueName = (typeof QUEUES)[number];

/** Domain events written to the outbox, with their payloads. */
export interface EventPayloads {
  'user.created': { userId: string; agencyId: string };
  'course.published': { courseId: string; courseVersionId: string; version: number };
  'enrollment.completed': {
    enrollmentId: string;
    userId: string;
    agencyId: string;
    courseId: string;
    courseVersionId: string;
    completedAt: string;
  };
  'certificate.issued': {
    certificateId: string;
    enrollmentId: string;
    userId: string;
    agencyId: string;
    courseId: string;
    issuedAt: string;
    expiresAt: string | null;
  };
  'certificate.revoked': { certificateId: string; userId: string; agencyId: string; courseId: string; reason: string };
  /** A trainer published a version that earlier certificate holders must renew (their versions are below `version`). */
  'course.recertification_required': { courseId: string; courseVersionId: string; version: number };
  /** An earlier certificate now expires sooner (recertification); its holder is told. */
  'certificate.expiry_shortened': {
    certificateId: string;
    userId: string;
    agencyId: string;
    courseId: string;
    expiresAt: string;
    previousExpiresAt: string | null;
    courseVersion: number;
  };
  /** Any change to a knowledge document (content, status, visibility, attachments): re-read it and index. */
  'knowledge.document.changed': { documentId: string };
  /** A person changed agency or position, or was (de)activated (identity's UsersService.place). */
  /**
   * A person changed agency or position, left (isActive false) or came back, from the date `on`.
   * The last four fields are absent on events written before staff records (issue 17).
   */
  'user.moved': {
    userId: string;
    agencyId: string;
    previousAgencyId: string;
    positionId: string;
    previousPositionId?: string;
    isActive?: boolean;
    wasActive?: boolean;
    on?: string;
  };
  /**
   * Someone left or moved (identity's HandoversService): each lib that owns stewarded items hands
   * them to successorId (null: nobody yet, they stay and count as orphaned). A higher version wins.
   */
  'handover.opened': HandoverPayload;
  /** HR chose the successor of a handover: the items move again, to this successor. */
  'handover.reassigned': HandoverPayload;
  /**
   * A course survey answered on a device while offline, synced through learning's /sync (recorded
   * once by its device-made id): the evaluation lib checks and keeps the answers.
   */
  'survey.answered_offline': {
    offlineEventId: string;
    enrollmentId: string;
    userId: string;
    answers: Record<string, unknown>;
    answeredAt: string;
  };
  /** A capacity-building plan's lines, deliveries or spending changed: recount its plan vs actual. */
  'plan.changed': { planId: string; agencyId: string };
  /** A training assignment was created or cancelled: reach its people, then recount their agencies. */
  'assignment.changed': { assignmentId: string };
  /** Another lib asks for a notification (in-app and e-mail); dedupeKey makes a repeat a no-op. */
  'notification.requested': {
    userId: string;
    kind:
      | 'assignment.due'
      | 'assignment.digest'
      | 'team.digest'
      | 'session.cancelled'
      | 'session.nominated'
      | 'session.requested'
      | 'session.request_approved'
      | 'session.request_declined'
      | 'account.invitation'
      | 'account.password_reset'
      | 'evaluation.follow_up'
      | 'evaluation.follow_up_reminder';
    dedupeKey: string;
    data: Record<string, unknown>;
  };
}
export type EventType = keyof EventPayloads;

/** What a handover event carries: enough for an owning lib to move its items without reading identity's tables. */
export interface HandoverPayload {
  handoverId: string;
  fromUserId: string;
  successorId: string | null;
  /** The agency the person left (or moved from). */
  agencyId: string;
  reason: 'left' | 'moved';
  version: number;
}

/** Which queues each event is delivered to; one job per (event row, queue). */
export const EVENT_ROUTES: { readonly [E in EventType]: readonly QueueName[] } = {
  'user.created': ['metrics'],
  'course.published': ['search-index'],
  'enrollment.completed': ['certificates', 'metrics', 'plans'],
  'certificate.issued': ['metrics', 'notifications', 'plans'],
  'certificate.revoked': ['metrics', 'notifications', 'plans'],
  'course.recertification_required': ['certificates'],
  'certificate.expiry_shortened': ['notifications'],
  'knowledge.document.changed': ['search-index'],
  'user.moved': ['metrics'],
  'handover.opened': ['knowledge-handovers', 'learning-handovers'],
  'handover.reassigned': ['knowledge-handovers', 'learning-handovers'],
  'assignment.changed': ['metrics', 'plans'],
  'survey.answered_offline': ['evaluation'],
  'plan.changed': ['plans'],
  'notification.requested': ['notifications'],
};

/** A job as a processor receives it: the event type is the job name, the payload its data. */
export interface OutboxJob<E extends EventType = EventType> {
  name: E;
  data: EventPayloads[E] & { eventId: string; occurredAt: string };
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_ROUTES, type);
}
