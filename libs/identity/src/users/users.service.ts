// Staff records: who may list, invite, deactivate and give roles to whom (admin anywhere, hr_officer
// in their subtree, granting the learner role only).
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addOutboxEvent, Page, page, recordAudit, validateInput } from '@chadavkhi/platform';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { scopeCovers, StaffScope, staffScopeOf } from '../agencies/agency-scope';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/password-hasher';
import { HandoversService } from '../handover/handovers.service';
import { PositionsRepository } from '../positions/positions.repository';
import type { Role } from '../roles';
import { PasswordsService } from '../passwords/passwords.service';
import { CreatePersonWithPasswordInput } from './dto/create-person-with-password.input';
import { CreateUserDto } from './dto/create-user.dto';
import { InvitationView } from './dto/invitation.view';
import { ListUsersQuery } from './dto/list-users.query';
import { SetUpAdministratorInput } from './dto/set-up-administrator.input';
import { PlacementView, UserView } from './dto/user.view';
import { registrationNumberFor } from './registration-number-access';
import { normalizeRegistrationNumber, registrationNumberProblem } from '../staff/registration-number';
import type { Placement } from './placement';
import { UsersRepository } from './users.repository';

/** Roles an hr_officer may hand out; granting trainer, hr_officer or admin is an administrator's call. */
const HR_GRANTABLE: readonly Role[] = ['learner'];

/** Today's date in Ulaanbaatar (YYYY-MM-DD), the day a change takes effect unless HR records date it. */
export function todayInUlaanbaatar(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ulaanbaatar' }).format(now);
}

/** What the CLI records as the actor of its audited changes. */
const CLI_ACTOR = { id: null, email: 'cli' };

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly positions: PositionsRepository,
    private readonly passwords: PasswordsService,
    private readonly handovers: HandoversService,
  ) {}

  async list(actor: AuthUser, query: ListUsersQuery): Promise<Page<UserView>> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers can list staff.');
    let within = query.agencyId;
    if (within) {
      const agency = await this.agencies.findById(within);
      if (!agency) throw new NotFoundException('No agency has this id.');
      if (!scopeCovers(scope, agency.path))
        throw new ForbiddenException('That agency is outside the agencies you manage.');
    } else if (scope.kind === 'subtree') {
      within = scope.rootAgencyId;
    }
    const q = query.q?.trim() || undefined;
    const number = q ? normalizeRegistrationNumber(q) : undefined;
    const { items, total } = await this.users.listStaff({
      withinAgencyId: within,
      q,
      registrationNumber: number && !registrationNumberProblem(number) ? number : undefined,
      role: query.role,
      offset: query.offset,
      limit: query.limit,
    });
    return page(
      items.map(({ view, agencyPath }) => this.shownTo(actor, view, agencyPath)),
      total,
      query,
    );
  }

  /** How many accounts exist, active or not (the admin home page's figure). */
  count(): Promise<number> {
    return this.users.count();
  }

  /** Whether an account with this address exists (the sign-in page offers the demo accounts when they do). */
  isRegistered(email: string): Promise<boolean> {
    return this.users.emailExists(email);
  }

  async get(actor: AuthUser, id: string): Promise<UserView> {
    const found = await this.users.findProfile(id);
    if (!found || (found.view.id !== actor.id && !scopeCovers(staffScopeOf(actor), found.session.agencyPath)))
      throw new NotFoundException('No user with this id is visible to you.');
    return this.shownTo(actor, found.view, found.session.agencyPath);
  }

  /** Where the person worked, oldest first; visible to whoever may see the person (as GET /users/:id). */
  async placements(actor: AuthUser, id: string): Promise<PlacementView[]> {
    await this.get(actor, id);
    return (await this.users.placementHistory(id)).map((p) => ({
      agency: {
        id: p.agencyId,
        code: p.agencyCode,
        kind: p.agencyKind,
        name: { mn: p.agencyNameMn, en: p.agencyNameEn },
      },
      position: { id: p.positionId, code: p.positionCode, name: { mn: p.positionNameMn, en: p.positionNameEn } },
      validFrom: p.validFrom,
      validTo: p.validTo,
    }));
  }

  /** The profile as this viewer may see it: the registration number masked unless they may read it whole. */
  private shownTo(viewer: AuthUser, view: UserView, agencyPath: string[]): UserView {
    return {
      ...view,
      registrationNumber: registrationNumberFor(viewer, { id: view.id, agencyPath }, view.registrationNumber),
    };
  }

  /**
   * Invites a person: the account is made without a password and they are e-mailed a link to set
   * their own (valid 7 days), so the creator can never sign in as them. An address already in use
   * is a 409 only when its owner is inside the actor's scope; outside it, the answer is the same
   * as for a new person and nobody is e-mailed, so staff cannot learn who exists elsewhere.
   */
  async create(actor: AuthUser, dto: CreateUserDto, ip: string | null): Promise<InvitationView> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers can create users.');
    const roles: Role[] = dto.roles ?? ['learner'];
    this.assertMayGrant(scope, roles);
    await this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.findById(dto.agencyId, manager);
      if (!agency) throw new UnprocessableEntityException('agencyId does not name an existing agency.');
      if (!scopeCovers(scope, agency.path))
        throw new ForbiddenException('You can create users only in the agencies you manage.');
      if (!(await this.positions.exists(manager, dto.positionId)))
        throw new UnprocessableEntityException('positionId does not name an existing position.');
      const created = await this.users.insertUnlessEmailTaken(manager, {
        email: dto.email,
        name: dto.name,
        passwordHash: null,
        roles,
        agencyId: agency.id,
        positionId: dto.positionId,
        staffNumber: dto.staffNumber ?? null,
        locale: dto.locale ?? 'mn',
      });
      if (!created) {
        const existingPath = await this.users.agencyPathOfEmail(manager, dto.email);
        if (!existingPath || scopeCovers(scope, existingPath))
          throw new ConflictException('A user with this email already exists.');
        await recordAudit(
          manager,
          { id: actor.id, email: actor.email, ip },
          'user.create.exists-elsewhere',
          { type: 'user' },
          { email: dto.email, agencyCode: agency.code },
        );
        return;
      }
      await this.users.recordPlacements(manager, [{ userId: created, on: todayInUlaanbaatar() }]);
      await addOutboxEvent(manager, 'user.created', { userId: created, agencyId: agency.id });
      await this.passwords.sendLink(manager, created, 'invitation');
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'user.create',
        { type: 'user', id: created },
        { email: dto.email, roles, agencyCode: agency.code },
      );
    });
    return {
      status: 'invited',
      email: dto.email,
      message: 'An invitation to set a password has been sent to this address.',
    };
  }

  /**
   * A person with a password the operator knows (the demo accounts, a first administrator), in the
   * caller's transaction. An address already in use is left as it is and answered with its id, so
   * imports can run again; a new person gets user.created like one invited through the API.
   */
  async createWithPassword(
    manager: EntityManager,
    fields: CreatePersonWithPasswordInput,
  ): Promise<{ id: string; created: boolean }> {
    const input = await validateInput(CreatePersonWithPasswordInput, fields);
    const existing = await this.users.findByEmail(manager, input.email);
    if (existing) return { id: existing.id, created: false };
    if (!(await this.agencies.exists(manager, input.agencyId)))
      throw new UnprocessableEntityException('agencyId does not name an existing agency.');
    if (!(await this.positions.exists(manager, input.positionId)))
      throw new UnprocessableEntityException('positionId does not name an existing position.');
    const passwordHash = await hashPassword(input.password);
    const id = await this.users.insertUnlessEmailTaken(manager, {
      email: input.email,
      name: input.name,
      passwordHash,
      roles: input.roles,
      agencyId: input.agencyId,
      positionId: input.positionId,
      staffNumber: input.staffNumber ?? null,
    });
    if (!id) return { id: (await this.users.findByEmail(manager, input.email))!.id, created: false };
    await this.users.recordPlacements(manager, [{ userId: id, on: todayInUlaanbaatar() }]);
    await addOutboxEvent(manager, 'user.created', { userId: id, agencyId: input.agencyId });
    return { id, created: true };
  }

  /**
   * create-admin: a new administrator, or an existing account re-enabled with this password and the
   * admin role added (every session of theirs ends). Audited as the CLI.
   */
  async setUpAdministrator(fields: SetUpAdministratorInput): Promise<'created' | 'reset'> {
    const input = await validateInput(SetUpAdministratorInput, fields);
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.users.lockByEmail(manager, input.email);
      if (existing) {
        const roles = [...new Set([...existing.roles, 'admin' as const])];
        await this.users.resetCredentials(manager, existing.id, {
          passwordHash: await hashPassword(input.password),
          roles,
          tokenVersion: existing.tokenVersion + 1,
        });
        await this.place(manager, existing.id, { isActive: true });
        await recordAudit(manager, CLI_ACTOR, 'admin.reset', { type: 'user', id: existing.id }, { email: input.email });
        return 'reset';
      }
      const agency = input.agency
        ? await this.agencies.findByCode(manager, input.agency)
        : await this.agencies.findGovernment(manager);
      if (!agency)
        throw new UnprocessableEntityException(
          input.agency ? `No agency with code ${input.agency}` : 'Import content first: no government agency exists',
        );
      const position = await this.positions.findByCodeOrFirst(manager, input.position);
      if (!position)
        throw new UnprocessableEntityException(
          input.position ? `No position with code ${input.position}` : 'Import content first: no positions exist',
        );
      const name = input.name?.trim() || input.email;
      const { id } = await this.createWithPassword(manager, {
        email: input.email,
        name,
        password: input.password,
        roles: ['admin', 'learner'],
        agencyId: agency.id,
        positionId: position.id,
      });
      await recordAudit(manager, CLI_ACTOR, 'admin.create', { type: 'user', id }, { email: input.email });
      return 'created';
    });
  }

  /**
   * Moves a person to another agency or position, or (de)activates them, in the caller's
   * transaction. Every path that does so comes here: a change emits user.moved, so assignments
   * reach or release the person, and the position history records it from `on` (today in
   * Ulaanbaatar unless HR records date it); someone who left or moved hands over what they steward
   * (HandoversService.openFor). False when nothing changed.
   */
  async place(manager: EntityManager, id: string, to: Placement, on: string = todayInUlaanbaatar()): Promise<boolean> {
    if (to.agencyId && !(await this.agencies.exists(manager, to.agencyId)))
      throw new UnprocessableEntityException('agencyId does not name an existing agency.');
    if (to.positionId && !(await this.positions.exists(manager, to.positionId)))
      throw new UnprocessableEntityException('positionId does not name an existing position.');
    const move = await this.users.place(manager, id, to);
    if (!move) throw new NotFoundException('No user with this id.');
    if (
      move.agencyId === move.previousAgencyId &&
      move.positionId === move.previousPositionId &&
      move.isActive === move.wasActive
    )
      return false;
    await this.users.recordPlacements(manager, [{ userId: id, on }]);
    const personMove = { userId: id, ...move, on };
    await addOutboxEvent(manager, 'user.moved', personMove);
    await this.handovers.openFor(manager, [personMove]);
    return true;
  }

  /** Deactivates or reactivates a person; either way every session of theirs ends. A deactivated person cannot sign in. */
  async setActive(actor: AuthUser, id: string, active: boolean, ip: string | null): Promise<UserView> {
    return this.changeManaged(actor, id, ip, active ? 'user.reactivate' : 'user.deactivate', async (manager) => {
      await this.users.endSessions(manager, id);
      await this.place(manager, id, { isActive: active });
      return { isActive: active };
    });
  }

  /** Replaces a person's roles (HR officers: learner only, for people who hold nothing more); their sessions end. */
  async setRoles(actor: AuthUser, id: string, roles: Role[], ip: string | null): Promise<UserView> {
    if (!roles.length) throw new UnprocessableEntityException('Give the person at least one role.');
    this.assertMayGrant(staffScopeOf(actor), roles);
    return this.changeManaged(actor, id, ip, 'user.roles.set', async (manager, before) => {
      await this.users.setRoles(manager, id, roles);
      return { from: before.roles, to: roles };
    });
  }

  /**
   * The rules every change to another person's account shares: someone in your scope (404 otherwise,
   * as GET /users/:id), not yourself, and for HR officers only people who hold no more than the
   * roles HR may grant (an HR officer cannot lock out an administrator in their agency). Audited in
   * the change's transaction.
   */
  private async changeManaged(
    actor: AuthUser,
    id: string,
    ip: string | null,
    action: string,
    change: (manager: EntityManager, before: { roles: Role[] }) => Promise<Record<string, unknown>>,
  ): Promise<UserView> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers can manage accounts.');
    await this.dataSource.transaction(async (manager) => {
      const target = await this.users.lock(manager, id);
      if (!target || !scopeCovers(scope, target.agencyPath))
        throw new NotFoundException('No user with this id is visible to you.');
      if (target.id === actor.id)
        throw new ConflictException(
          'You cannot deactivate yourself or change your own roles; ask another administrator.',
        );
      if (scope.kind === 'subtree' && target.roles.some((r) => !HR_GRANTABLE.includes(r))) {
        throw new ForbiddenException('This person holds roles an HR officer cannot manage; ask an administrator.');
      }
      const details = await change(manager, { roles: target.roles });
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        action,
        { type: 'user', id },
        { email: target.email, ...details },
      );
    });
    const after = (await this.users.findProfile(id))!;
    return this.shownTo(actor, after.view, after.session.agencyPath);
  }

  private assertMayGrant(scope: StaffScope, roles: Role[]): void {
    if (scope.kind === 'subtree' && roles.some((r) => !HR_GRANTABLE.includes(r))) {
      throw new ForbiddenException(
        `HR officers can grant only: ${HR_GRANTABLE.join(', ')}. Ask an administrator for other roles.`,
      );
    }
  }
}
