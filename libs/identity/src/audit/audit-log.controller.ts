import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditLogEntry, page, PageQuery } from '@chadavkhi/platform';
import { Roles } from '../auth/roles.decorator';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ description: 'Privileged actions, newest first: `{ items, total, page, limit }`' })
  async list(@Query() query: PageQuery) {
    const [items, total] = await this.dataSource
      .getRepository(AuditLogEntry)
      .findAndCount({ order: { createdAt: 'DESC' }, skip: query.offset, take: query.limit });
    return page(items, total, query);
  }
}
