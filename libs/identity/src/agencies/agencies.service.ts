import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, page, recordAudit, validateInput } from '@chadavkhi/platform';
import type { AuthUser } from '../auth/auth-user';
import { AgenciesRepository } from './agencies.repository';
import { CreateAgencyDto } from './dto/create-agency.dto';
import { AgencyDetailView, AgencyTreeNode, AgencyView } from './dto/agency.view';
import { ListAgenciesQuery } from './dto/list-agencies.query';
import { SetPasswordSignInDto } from './dto/set-password-sign-in.dto';

@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgenciesRepository,
  ) {}

  async list(query: ListAgenciesQuery): Promise<Page<AgencyView>> {
    const { items, total } = await this.agencies.list({
      parentId: query.parentId,
      kind: query.kind,
      q: query.q?.trim() || undefined,
      offset: query.offset,
      limit: query.limit,
    });
    return page(items.map(AgencyView.of), total, query);
  }

  /** The whole tree, nested; a few hundred rows at most, so it is built in memory from one query. */
  async tree(): Promise<AgencyTreeNode[]> {
    const all = await this.agencies.all();
    const nodes = new Map(all.map((a) => [a.id, { ...AgencyView.of(a), children: [] as AgencyTreeNode[] }]));
    const roots: AgencyTreeNode[] = [];
    for (const node of nodes.values())
      (node.parentId ? (nodes.get(node.parentId)?.children ?? roots) : roots).push(node);
    return roots;
  }

  async get(id: string): Promise<AgencyDetailView> {
    const agency = await this.agencies.findById(id);
    if (!agency) throw new NotFoundException('No agency has this id.');
    const [ancestors, children] = await Promise.all([
      this.agencies.findByIds(agency.path.slice(0, -1)),
      this.agencies.children(id),
    ]);
    ancestors.sort((a, b) => a.path.length - b.path.length);
    return { ...AgencyView.of(agency), ancestors: ancestors.map(AgencyView.of), children: children.map(AgencyView.of) };
  }

  /** How many agencies the tree holds (the admin home page's figure). */
  count(): Promise<number> {
    return this.agencies.count();
  }

  async create(actor: AuthUser, dto: CreateAgencyDto, ip: string | null): Promise<AgencyView> {
    return this.dataSource.transaction(async (manager) => {
      const parent = await this.agencies.findById(dto.parentId, manager);
      if (!parent) throw new UnprocessableEntityException('parentId does not name an existing agency.');
      if (dto.kind === 'government')
        throw new UnprocessableEntityException('There is only one government; choose another kind.');
      const id = randomUUID();
      await this.agencies.insertUnlessCodeTaken(manager, id, {
        code: dto.code,
        kind: dto.kind,
        nameMn: dto.nameMn,
        nameEn: dto.nameEn,
        parentId: parent.id,
        path: [...parent.path, id],
      });
      const created = await this.agencies.findById(id, manager);
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

  /**
   * Switches password sign-in for an agency and everything below it (administrators always keep
   * theirs). People there then sign in through the identity providers on /signin.
   */
  async setPasswordSignIn(actor: AuthUser, id: string, enabled: boolean, ip: string | null): Promise<AgencyView> {
    await validateInput(SetPasswordSignInDto, { enabled });
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.findById(id, manager);
      if (!agency) throw new NotFoundException('No agency has this id.');
      await this.agencies.setPasswordSignIn(manager, id, enabled);
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'agency.password-sign-in',
        { type: 'agency', id },
        { code: agency.code, enabled, was: agency.passwordSignIn },
      );
      return AgencyView.of({ ...agency, passwordSignIn: enabled });
    });
  }
}
