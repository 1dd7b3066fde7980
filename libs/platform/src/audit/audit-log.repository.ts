// SQL for reading the audit log (entries are written only by recordAudit, in the changer's transaction).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLogEntry } from './audit-log-entry.entity';

@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first. */
  async list(offset: number, limit: number): Promise<{ items: AuditLogEntry[]; total: number }> {
    const [items, total] = await this.dataSource
      .getRepository(AuditLogEntry)
      .findAndCount({ order: { createdAt: 'DESC' }, skip: offset, take: limit });
    return { items, total };
  }

  latest(count: number): Promise<AuditLogEntry[]> {
    return this.dataSource.getRepository(AuditLogEntry).find({ order: { createdAt: 'DESC' }, take: count });
  }
}
