import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogEntryPage, AuditLogService, PageQuery } from '@chadavkhi/platform';
import { Roles } from '../auth/roles.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @ApiOperation({ summary: 'List audit log entries, newest first' })
  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: AuditLogEntryPage, description: 'Privileged actions, newest first' })
  @ApiForbiddenResponse({ description: 'Not an administrator' })
  list(@Query() query: PageQuery): Promise<AuditLogEntryPage> {
    return this.auditLog.list(query);
  }
}
