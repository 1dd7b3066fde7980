// Who may see which agency's people and figures: an admin everything, an hr_officer their own
// agency's subtree, checked on the data (the route's roles are checked before).
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';
import { AgencyAccessRepository, AgencyRef } from './agency-access.repository';

export type { AgencyRef } from './agency-access.repository';

@Injectable()
export class AgencyAccessService {
  constructor(private readonly agencies: AgencyAccessRepository) {}

  agency(agencyId: string): Promise<AgencyRef | undefined> {
    return this.agencies.agency(agencyId);
  }

  /** The agency, if the actor manages it: 404 when it does not exist, 403 when it is someone else's. */
  async assertCovers(actor: AuthUser, agencyId: string): Promise<AgencyRef> {
    const agency = await this.agency(agencyId);
    if (!agency) throw new NotFoundException('No agency has this id.');
    if (!scopeCovers(staffScopeOf(actor), agency.path))
      throw new ForbiddenException({
        message: 'That agency is outside the agencies you manage.',
        slug: 'agency-outside-scope',
      });
    return agency;
  }

  /** The top of the tree (the government). */
  root(): Promise<AgencyRef> {
    return this.agencies.root();
  }

  /** Where an actor's dashboards start: their own agency, or the root of the tree for an admin. */
  async home(actor: AuthUser): Promise<AgencyRef> {
    if (staffScopeOf(actor).kind === 'all') return this.agencies.root();
    return (await this.agency(actor.agencyId))!;
  }

  /** The agency's ancestors (root first, itself last) that the actor manages, for breadcrumbs. */
  async trail(actor: AuthUser, agency: AgencyRef): Promise<AgencyRef[]> {
    const rows = await this.agencies.agenciesRootFirst(agency.path);
    const scope = staffScopeOf(actor);
    return rows.filter((a) => scopeCovers(scope, a.path));
  }

  /** A person the actor may see (themself, or staff in scope); anyone else is answered as missing. */
  async assertPersonVisible(
    actor: AuthUser,
    userId: string,
  ): Promise<{ id: string; name: string; agency_id: string; position_id: string }> {
    const person = await this.agencies.person(userId);
    if (!person || (person.id !== actor.id && !scopeCovers(staffScopeOf(actor), person.path)))
      throw new NotFoundException('No user with this id is visible to you.');
    return person;
  }
}
