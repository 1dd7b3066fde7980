// The agencies and people AgencyAccessService decides about, read from identity's tables.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AgencyRef {
  id: string;
  code: string;
  name_mn: string;
  name_en: string;
  path: string[];
}

@Injectable()
export class AgencyAccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async agency(agencyId: string): Promise<AgencyRef | undefined> {
    const [agency] = await this.dataSource.query(
      `SELECT id, code, name_mn, name_en, path FROM agencies WHERE id = $1`,
      [agencyId],
    );
    return agency;
  }

  /** The root of the agency tree (the first created, should there be several). */
  async root(): Promise<AgencyRef> {
    const [root] = await this.dataSource.query(
      `SELECT id, code, name_mn, name_en, path FROM agencies WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`,
    );
    return root;
  }

  /** These agencies, root first. */
  async agenciesRootFirst(ids: string[]): Promise<AgencyRef[]> {
    return this.dataSource.query(
      `SELECT id, code, name_mn, name_en, path FROM agencies WHERE id = ANY($1::uuid[]) ORDER BY cardinality(path)`,
      [ids],
    );
  }

  async person(
    userId: string,
  ): Promise<{ id: string; name: string; agency_id: string; position_id: string; path: string[] } | undefined> {
    const [person] = await this.dataSource.query(
      `SELECT u.id, u.name, u.agency_id, u.position_id, a.path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
      [userId],
    );
    return person;
  }
}
