// Reading the audit log: the administrators' paged list and the latest entries on their home page.
import { Injectable } from '@nestjs/common';
import { Page, page, PageQuery } from '../http/pagination';
import { AuditLogEntryView } from './audit-log-entry.view';
import { AuditLogRepository } from './audit-log.repository';

@Injectable()
export class AuditLogService {
  constructor(private readonly entries: AuditLogRepository) {}

  async list(query: PageQuery): Promise<Page<AuditLogEntryView>> {
    const { items, total } = await this.entries.list(query.offset, query.limit);
    return page(items, total, query);
  }

  /** The newest entries, newest first. */
  latest(count: number): Promise<AuditLogEntryView[]> {
    return this.entries.latest(count);
  }
}
