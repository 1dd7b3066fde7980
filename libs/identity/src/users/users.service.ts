// Staff records: who may list and create whom (admin anywhere, hr_officer in their subtree).
import { ConflictException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addOutboxEvent, Page, page, recordAudit } from '@chadavkhi/platform';
import { Agency } from '../agencies/agency.entity';
import { scopeCovers, staffScopeOf } from '../agencies/agency-scope';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/password-hasher';
import { Position } from '../positions/position.entity';
import type { Role } from '../roles';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UserView } from './dto/user.view';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/** Roles an hr_officer may hand out; granting trainer, hr_officer or admin is an administrator's call. */
const HR_GRANTABLE: readonly Role[] = ['learner'];

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
  ) {}

  async list(actor: AuthUser, query: ListUsersQuery): Promise<Page<UserView>> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers can list staff.');
    let within = query.agencyId;
    if (within) {
      const agency = await this.dataSource.getRepository(Agency).findOneBy({ id: within });
      if (!agency) throw new NotFoundException('No agency has this id.');
      if (!scopeCovers(scope, agency.path)) throw new ForbiddenException('That agency is outside the agencies you manage.');
    } else if (scope.kind === 'subtree') {
      within = scope.rootAgencyId;
    }
    const { items, total } = await this.users.listStaff({ withinAgencyId: within, q: query.q?.trim() || undefined, role: query.role, offset: query.offset, limit: query.limit });
    return page(items.map(UserView.of), total, query);
  }

  async get(actor: AuthUser, id: string): Promise<UserView> {
    const found = await this.users.findProfile(id);
    if (!found || (found.view.id !== actor.id && !scopeCovers(staffScopeOf(actor), found.session.agencyPath))) throw new NotFoundException('No user with this id is visible to you.');
    return found.view;
  }

  async create(actor: AuthUser, dto: CreateUserDto, ip: string | null): Promise<UserView> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers can create users.');
    const roles: Role[] = dto.roles ?? ['learner'];
    if (scope.kind === 'subtree' && roles.some((r) => !HR_GRANTABLE.includes(r))) {
      throw new ForbiddenException(`HR officers can grant only: ${HR_GRANTABLE.join(', ')}. Ask an administrator for other roles.`);
    }
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const agency = await manager.getRepository(Agency).findOneBy({ id: dto.agencyId });
      if (!agency) throw new UnprocessableEntityException('agencyId does not name an existing agency.');
      if (!scopeCovers(scope, agency.path)) throw new ForbiddenException('You can create users only in the agencies you manage.');
      if (!(await manager.getRepository(Position).existsBy({ id: dto.positionId }))) throw new UnprocessableEntityException('positionId does not name an existing position.');
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ email: dto.email, name: dto.name, passwordHash, roles, agencyId: agency.id, positionId: dto.positionId, staffNumber: dto.staffNumber ?? null, locale: dto.locale ?? 'mn' })
        .orIgnore()
        .returning(['id'])
        .execute();
      const created = result.raw[0]?.id as string | undefined;
      if (!created) throw new ConflictException('A user with this email already exists.');
      await addOutboxEvent(manager, 'user.created', { userId: created, agencyId: agency.id });
      await recordAudit(manager, { id: actor.id, email: actor.email, ip }, 'user.create', { type: 'user', id: created }, { email: dto.email, roles, agencyCode: agency.code });
      return created;
    });
    return (await this.users.findProfile(id))!.view;
  }
}
