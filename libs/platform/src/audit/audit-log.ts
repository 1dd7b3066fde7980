import { EntityManager } from 'typeorm';
import { AuditLogEntry } from './audit-log-entry.entity';

export interface AuditActor {
  id: string | null;
  email: string | null;
  ip?: string | null;
}

/** Appends an audit entry inside the caller's transaction, so the record exists iff the action happened. */
export async function recordAudit(
  manager: EntityManager,
  actor: AuditActor,
  action: string,
  target: { type: string; id?: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await manager.insert(AuditLogEntry, {
    actorId: actor.id,
    actorEmail: actor.email,
    ip: actor.ip ?? null,
    action,
    targetType: target.type,
    targetId: target.id ?? null,
    details,
  });
}
