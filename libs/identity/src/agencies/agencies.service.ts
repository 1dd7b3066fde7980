import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { escapeLike, Page, page, recordAudit } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { Agency } from './agency.entity';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { AgencyDetailView, AgencyTreeNode, AgencyView } from './dto/agency.view';
import { ListAgenciesQuery } from './dto/list-agencies.query';

@Injectable()
export class AgenciesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(Agency);
  }

  async list(query: ListAgenciesQuery): Promise<Page<AgencyView>> {
    const qb = this.repo
      .createQueryBuilder('a')
      .orderBy('cardinality(a.path)', 'ASC')
      .addOrderBy('a.name_mn', 'ASC')
      .offset(query.offset)
      .limit(query.limit);
    if (query.parentId) qb.andWhere('a.parent_id = :parentId', { parentId: query.parentId });
    if (query.kind) qb.andWhere('a.kind = :kind', { kind: query.kind });
    if (query.q?.trim())
      qb.andWhere('(a.name_mn ILIKE :q OR a.name_en ILIKE :q OR a.code ILIKE :q)', {
        q: `%${escapeLike(query.q.trim())}%`,
      });
    const [items, total] = await qb.getManyAndCount();
    return page(items.map(AgencyView.of), total, query);
  }

  /** The whole tree, nested; a few hundred rows at most, so it is built in memory from one query. */
  async tree(): Promise<AgencyTreeNode[]> {
    const all = await this.repo.find({ order: { nameMn: 'ASC' } });
    const nodes = new Map(all.map((a) => [a.id, { ...AgencyView.of(a), children: [] as AgencyTreeNode[] }]));
    const roots: AgencyTreeNode[] = [];
    for (const node of nodes.values())
      (node.parentId ? (nodes.get(node.parentId)?.children ?? roots) : roots).push(node);
    return roots;
  }

  async get(id: string): Promise<AgencyDetailView> {
    const agency = await this.repo.findOneBy({ id });
    if (!agency) throw new NotFoundException('No agency has this id.');
    const [ancestors, children] = await Promise.all([
      this.repo.findBy({ id: In(agency.path.slice(0, -1)) }),
      this.repo.find({ where: { parentId: id }, order: { nameMn: 'ASC' } }),
    ]);
    ancestors.sort((a, b) => a.path.length - b.path.length);
    return { ...AgencyView.of(agency), ancestors: ancestors.map(AgencyView.of), children: children.map(AgencyView.of) };
  }

  async create(actor: AuthUser, dto: CreateAgencyDto, ip: string | null): Promise<AgencyView> {
    return this.dataSource.transaction(async (manager) => {
      const parent = await manager.getRepository(Agency).findOneBy({ id: dto.parentId });
      if (!parent) throw new UnprocessableEntityException('parentId does not name an existing agency.');
      if (dto.kind === 'government')
        throw new UnprocessableEntityException('There is only one government; choose another kind.');
      const id = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(Agency)
        .values({
          id,
          code: dto.code,
          kind: dto.kind,
          nameMn: dto.nameMn,
          nameEn: dto.nameEn,
          parentId: parent.id,
          path: [...parent.path, id],
        })
        .orIgnore()
        .execute();
      const created = await manager.getRepository(Agency).findOneBy({ id });
      if (!created) throw new ConflictException(`An agency with code ${dto.code} already exists.`);
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'agency.create',
        { type: 'agency', id },
        { code: dto.code, parentCode: parent.code },
      );
      return AgencyView.of(created);
    });
  }
}
