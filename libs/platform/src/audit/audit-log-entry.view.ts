import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '../http/pagination';

/** An audit log entry as administrators read it. */
export class AuditLogEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the system itself' })
  actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty({ example: 'user.roles.set' }) action: string;
  @ApiProperty({ example: 'user' }) targetType: string;
  @ApiProperty({ type: String, nullable: true, description: 'The target\'s id (a job is "<queue>/<job id>")' })
  targetId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What the action changed, as the action records it (each action its own members)',
  })
  details: object;
  @ApiProperty({ type: String, nullable: true, description: 'The address the request came from' }) ip: string | null;
  @ApiProperty() createdAt: Date;
}

export class AuditLogEntryPage extends PageView(AuditLogEntryView) {}
