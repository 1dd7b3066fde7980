// Who may see which agency's people and figures: an admin everything, an hr_officer their own
// agency's subtree, checked on the data (the route's roles are checked before).
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, scopeCovers, staffScopeOf } from '@chadavkhi/identity';

export interface AgencyRef {
  id: string;
  code: string;
  name_mn: string;
  name_en: string;
  path: string[];
}

@Injectable()
export class AgencyAccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async agency(agencyId: string): Promise<AgencyRef | undefined> {
    const [agency] = await this.dataSource.query(
      `SELECT id, code, name_mn, name_en, path FROM agencies WHERE id = $1`,
      [agencyId],
    );
    return agency;
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

  /** Where an actor's dashboards start: their own agency, or the root of the tree for an admin. */
  async home(actor: AuthUser): Promise<AgencyRef> {
    if (staffScopeOf(actor).kind === 'all') {
      const [root] = await this.dataSource.query(
        `SELECT id, code, name_mn, name_en, path FROM agencies WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`,
      );
      return root;
    }
    return (await this.agency(actor.agencyId))!;
  }

  /** The agency's ancestors (root first, itself last) that the actor manages, for breadcrumbs. */
  async trail(actor: AuthUser, agency: AgencyRef): Promise<AgencyRef[]> {
    const rows: AgencyRef[] = await this.dataSource.query(
      `SELECT id, code, name_mn, name_en, path FROM agencies WHERE id = ANY($1::uuid[]) ORDER BY cardinality(path)`,
      [agency.path],
    );
    const scope = staffScopeOf(actor);
    return rows.filter((a) => scopeCovers(scope, a.path));
  }

  /** A person the actor may see (themself, or staff in scope); anyone else is answered as missing. */
  async assertPersonVisible(
    actor: AuthUser,
    userId: string,
  ): Promise<{ id: string; name: string; agency_id: string; position_id: string }> {
    const [person] = await this.dataSource.query(
      `SELECT u.id, u.name, u.agency_id, u.position_id, a.path FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1`,
      [userId],
    );
    if (!person || (person.id !== actor.id && !scopeCovers(staffScopeOf(actor), person.path)))
      throw new NotFoundException('No user with this id is visible to you.');
    return person;
  }
}
