// Connected HR systems: who may make and revoke one (admin anywhere, hr_officer in their own subtree),
// and which connection a presented bearer token belongs to. A token is shown once and kept as a hash.
import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  OnModuleDestroy,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, FailureLimiter, Page, page, recordAudit, validateInput } from '@chadavkhi/platform';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { scopeCovers, staffScopeOf } from '../agencies/agency-scope';
import type { AuthUser } from '../auth/auth-user';
import { CreateScimConnectionDto } from './dto/create-scim-connection.dto';
import { ListScimConnectionsQuery } from './dto/list-scim-connections.query';
import { CreatedScimConnectionView, ScimConnectionView } from './dto/scim-connection.view';
import { ScimConnectionsRepository } from './scim-connections.repository';
import { hashScimToken, looksLikeScimToken, newScimToken, scimTokenHint } from './scim-token';

/** The connection a SCIM request authenticated as: what scoping and auditing need. */
export interface ScimConnection {
  id: string;
  name: string;
  agencyId: string;
  agencyCode: string;
}

/** Wrong tokens one address may send in a minute before it is answered 429. */
export const MAX_WRONG_TOKENS_PER_MINUTE = 20;

@Injectable()
export class ScimConnectionsService implements OnModuleDestroy {
  /** Wrong tokens counted per address in Redis, shared by every API process. */
  private readonly wrongTokens: FailureLimiter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: ScimConnectionsRepository,
    private readonly agencies: AgenciesRepository,
    config: AppConfig,
  ) {
    this.wrongTokens = new FailureLimiter(
      config,
      `${config.REDIS_PREFIX}:scim-wrong-token`,
      MAX_WRONG_TOKENS_PER_MINUTE,
      60,
    );
  }

  async list(actor: AuthUser, query: ListScimConnectionsQuery): Promise<Page<ScimConnectionView>> {
    const input = await validateInput(ListScimConnectionsQuery, query);
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none')
      throw new ForbiddenException('Only administrators and HR officers can see connected systems.');
    const within = scope.kind === 'subtree' ? scope.rootAgencyId : undefined;
    const { items, total } = await this.connections.list(within, input.offset, input.limit);
    return page(items.map(ScimConnectionView.of), total, input);
  }

  /** Makes a connection limited to an agency's subtree; the answer carries its token, which is never shown again. */
  async create(
    actor: AuthUser,
    fields: CreateScimConnectionDto,
    ip: string | null,
  ): Promise<CreatedScimConnectionView> {
    const input = await validateInput(CreateScimConnectionDto, fields);
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none') throw new ForbiddenException('Only administrators and HR officers can connect systems.');
    const token = newScimToken();
    const id = await this.dataSource.transaction(async (manager) => {
      const agency = await this.agencies.findById(input.agencyId, manager);
      if (!agency) throw new UnprocessableEntityException('agencyId does not name an existing agency.');
      if (!scopeCovers(scope, agency.path))
        throw new ForbiddenException('You can connect systems only for the agencies you manage.');
      const created = await this.connections.insert(manager, {
        name: input.name,
        agencyId: agency.id,
        tokenSha256: hashScimToken(token),
        tokenHint: scimTokenHint(token),
        createdBy: actor.id,
      });
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'scim-connection.create',
        { type: 'scim_connection', id: created },
        { name: input.name, agencyCode: agency.code },
      );
      return created;
    });
    return { ...ScimConnectionView.of((await this.connections.findById(id))!), token };
  }

  /** Revokes a connection: its token is refused from the next request on. Revoking twice changes nothing. */
  async revoke(actor: AuthUser, id: string, ip: string | null): Promise<ScimConnectionView> {
    const scope = staffScopeOf(actor);
    if (scope.kind === 'none')
      throw new ForbiddenException('Only administrators and HR officers can revoke connected systems.');
    await this.dataSource.transaction(async (manager) => {
      const found = await this.connections.findById(id, manager);
      if (!found || !scopeCovers(scope, found.agencyPath))
        throw new NotFoundException('No connected system with this id is visible to you.');
      if (!(await this.connections.revoke(manager, id))) return;
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'scim-connection.revoke',
        { type: 'scim_connection', id },
        { name: found.name, agencyCode: found.agencyCode },
      );
    });
    return ScimConnectionView.of((await this.connections.findById(id))!);
  }

  /** Counts a wrong token from this address; the seconds it must wait once it has sent too many, else 0. */
  wrongToken(ip: string): Promise<number> {
    return this.wrongTokens.take(ip);
  }

  onModuleDestroy(): void {
    this.wrongTokens.close();
  }

  /** The live connection a bearer token belongs to; undefined for a malformed, unknown or revoked token. */
  async authenticate(token: string): Promise<ScimConnection | undefined> {
    if (!looksLikeScimToken(token)) return undefined;
    const found = await this.connections.findByTokenHash(hashScimToken(token));
    if (!found || found.revokedAt) return undefined;
    await this.connections.touch(found.id);
    return { id: found.id, name: found.name, agencyId: found.agencyId, agencyCode: found.agencyCode };
  }
}
