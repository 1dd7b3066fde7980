import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogService, PageQuery } from '@chadavkhi/platform';
import { Roles } from '../auth/roles.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @ApiOperation({ summary: 'List audit log entries, newest first' })
  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: 'Privileged actions, newest first: `{ items, total, page, limit }`' })
  list(@Query() query: PageQuery) {
    return this.auditLog.list(query);
  }
}
