// PostgreSQL itself, as the health check sees it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class DatabaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Answers once PostgreSQL runs a query. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
