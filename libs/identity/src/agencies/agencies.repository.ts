// SQL for the agency tree: lookups, the filtered list, and the rows the content import and the
// admin API write. Methods that take an EntityManager run in the caller's transaction.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { escapeLike } from '@chadavkhi/platform';
import { Agency, AgencyKind } from './agency.entity';

export interface AgencyFilter {
  parentId?: string;
  kind?: AgencyKind;
  q?: string;
  offset: number;
  limit: number;
}

/** The columns of an agency that its writers set. */
export type AgencyFields = Pick<Agency, 'code' | 'kind' | 'nameMn' | 'nameEn' | 'parentId' | 'path'>;

@Injectable()
export class AgenciesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Shallowest first, then by Mongolian name. */
  async list(filter: AgencyFilter): Promise<{ items: Agency[]; total: number }> {
    const qb = this.dataSource
      .getRepository(Agency)
      .createQueryBuilder('a')
      .orderBy('cardinality(a.path)', 'ASC')
      .addOrderBy('a.name_mn', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit);
    if (filter.parentId) qb.andWhere('a.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.q)
      qb.andWhere('(a.name_mn ILIKE :q OR a.name_en ILIKE :q OR a.code ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Every agency, by Mongolian name. */
  all(manager: EntityManager = this.dataSource.manager): Promise<Agency[]> {
    return manager.find(Agency, { order: { nameMn: 'ASC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Agency | null> {
    return manager.findOneBy(Agency, { id });
  }

  findByIds(ids: string[]): Promise<Agency[]> {
    return this.dataSource.manager.findBy(Agency, { id: In(ids) });
  }

  findByCode(manager: EntityManager, code: string): Promise<Agency | null> {
    return manager.findOneBy(Agency, { code });
  }

  /** The root of the tree (there is one government). */
  findGovernment(manager: EntityManager): Promise<Agency | null> {
    return manager.findOne(Agency, { where: { kind: 'government' } });
  }

  children(parentId: string): Promise<Agency[]> {
    return this.dataSource.manager.find(Agency, { where: { parentId }, order: { nameMn: 'ASC' } });
  }

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Agency, { id });
  }

  count(): Promise<number> {
    return this.dataSource.manager.count(Agency);
  }

  /** Inserts the agency unless its code is taken; false when it was. */
  async insertUnlessCodeTaken(manager: EntityManager, id: string, fields: AgencyFields): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Agency)
      .values({ id, ...fields })
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length > 0;
  }

  async insert(manager: EntityManager, id: string, fields: AgencyFields): Promise<void> {
    await manager.insert(Agency, { id, ...fields });
  }

  async update(manager: EntityManager, id: string, fields: AgencyFields): Promise<void> {
    await manager.update(Agency, { id }, fields);
  }

  /** Switches password sign-in for the agency; false when there is no such agency. */
  async setPasswordSignIn(manager: EntityManager, id: string, enabled: boolean): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE agencies SET password_sign_in = $2, updated_at = now() WHERE id = $1 RETURNING id`,
      [id, enabled],
    );
    return rows.length > 0;
  }

  /** Whether people of this agency may sign in with a password: not when it or any agency above has it off. */
  async passwordSignInAllowed(agencyId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT bool_and(a.password_sign_in) AS allowed
         FROM agencies own JOIN agencies a ON a.id = ANY(own.path) WHERE own.id = $1`,
      [agencyId],
    );
    return row?.allowed !== false;
  }
}
