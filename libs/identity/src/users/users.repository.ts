// SQL for users: the per-request session lookup (one indexed query) and the scoped staff list.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../roles';
import { User } from './user.entity';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  agencyId: string;
  agencyPath: string[];
  positionId: string;
  locale: 'mn' | 'en';
  isActive: boolean;
  tokenVersion: number;
}

export interface StaffFilter {
  /** Only users whose agency lies in this agency's subtree. */
  withinAgencyId?: string;
  q?: string;
  role?: Role;
  offset: number;
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findForSession(id: string): Promise<SessionUser | undefined> {
    const rows = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.roles, u.agency_id, a.path AS agency_path, u.position_id, u.locale, u.is_active, u.token_version
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      roles: r.roles,
      agencyId: r.agency_id,
      agencyPath: r.agency_path,
      positionId: r.position_id,
      locale: r.locale,
      isActive: r.is_active,
      tokenVersion: r.token_version,
    };
  }

  findByEmailWithHash(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }

  findWithRelations(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.getRepository(User).findOne({ where: { id }, relations: { agency: true, position: true } });
  }

  async listStaff(filter: StaffFilter): Promise<{ items: User[]; total: number }> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.agency', 'a')
      .innerJoinAndSelect('u.position', 'p')
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit);
    if (filter.withinAgencyId) qb.andWhere('a.path @> ARRAY[:agencyId]::uuid[]', { agencyId: filter.withinAgencyId });
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.q) qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q OR u.staff_number ILIKE :q)', { q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  async markSignedIn(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }
}
