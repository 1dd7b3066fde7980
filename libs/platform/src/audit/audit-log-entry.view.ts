/** An audit log entry as administrators read it. */
export interface AuditLogEntryView {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: object;
  ip: string | null;
  createdAt: Date;
}
