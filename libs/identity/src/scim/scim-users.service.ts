// /scim/v2/Users on behalf of one connected system: every read and write goes through the staff
// records service with the connection's subtree as its scope, so a token for subtree A never sees
// or changes anyone in B (someone outside is "not found", as if they did not exist).
import { Injectable } from '@nestjs/common';
import { AppConfig, validateInput } from '@chadavkhi/platform';
import { checkStaffRecord, StaffRecord } from '../staff/staff-record';
import { ScimListQuery } from './dto/scim-list.query';
import type { ScimConnection } from './scim-connections.service';
import { listResponse, MAX_SCIM_COUNT } from './scim-discovery';
import { ScimError } from './scim-error';
import { parseUserFilter, PersonFilter } from './scim-filter';
import { applyPatch } from './scim-patch';
import { fromScimUser, SCIM_PATH_OF, ScimUser, toScimUser } from './scim-user';
import { StaffPerson, StaffSource, StaffSyncService } from '../staff/staff-sync.service';

/** An `or` filter is answered by merging its lookups; each may find at most this many people. */
const MAX_PER_ALTERNATIVE = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who is acting: the connection and the address its request came from (for the audit log). */
export interface ScimCaller {
  connection: ScimConnection;
  ip: string | null;
}

@Injectable()
export class ScimUsersService {
  constructor(
    private readonly staff: StaffSyncService,
    private readonly config: AppConfig,
  ) {}

  /** The public URL of /scim/v2, for meta.location and discovery. */
  get base(): string {
    return `${this.config.publicUrl.replace(/\/$/, '')}/scim/v2`;
  }

  async list(caller: ScimCaller, query: object) {
    const input = await validateInput(ScimListQuery, query);
    const startIndex = Math.max(1, input.startIndex ?? 1);
    const count = Math.min(MAX_SCIM_COUNT, Math.max(0, input.count ?? 100));
    const source = this.source(caller);
    const filters = parseUserFilter(input.filter);
    let people: StaffPerson[];
    let total: number;
    if (filters === undefined || filters.length === 1) {
      const found = await this.staff.findPeople(source, filters?.[0] ?? {}, startIndex - 1, Math.max(count, 1));
      people = found.items.slice(0, count);
      total = found.total;
    } else {
      const everyone = await this.findAny(source, filters);
      people = everyone.slice(startIndex - 1, startIndex - 1 + count);
      total = everyone.length;
    }
    return listResponse(
      people.map((p) => toScimUser(p, this.base)),
      total,
      startIndex,
    );
  }

  async get(caller: ScimCaller, id: string): Promise<ScimUser> {
    return toScimUser(await this.find(this.source(caller), id), this.base);
  }

  /** POST: a new person; a userName already on someone's record is 409 uniqueness (RFC 7644 §3.3). */
  async create(caller: ScimCaller, body: unknown): Promise<ScimUser> {
    const source = this.source(caller);
    const input = fromScimUser(body);
    const record = await this.record(source, input, undefined);
    const existing = await this.staff.findPeople(source, { registrationNumber: record.registrationNumber }, 0, 1);
    if (existing.total) throw new ScimError(409, 'A person with this userName already exists.', 'uniqueness');
    const { userId } = await this.staff.saveRecord(source, record, { active: input.active ?? true });
    return this.get(caller, userId);
  }

  /** PUT: the person as the body states them (attributes left out are cleared; `active` left out stays as it is). */
  async replace(caller: ScimCaller, id: string, body: unknown): Promise<ScimUser> {
    const source = this.source(caller);
    const current = await this.find(source, id);
    const givenId = (body as { id?: unknown } | null)?.id;
    if (givenId !== undefined && givenId !== id) throw new ScimError(400, 'id cannot be changed.', 'mutability');
    return this.save(caller, current, fromScimUser(body));
  }

  /** PATCH: the operations applied to the person as the server shows them, then saved like a PUT. */
  async patch(caller: ScimCaller, id: string, body: unknown): Promise<ScimUser> {
    const current = await this.find(this.source(caller), id);
    const patched = applyPatch(toScimUser(current, this.base) as unknown as Record<string, unknown>, body);
    return this.save(caller, current, fromScimUser(patched));
  }

  /** DELETE: the person leaves the service (deactivated, records kept), never deleted. */
  async remove(caller: ScimCaller, id: string): Promise<void> {
    const source = this.source(caller);
    await this.find(source, id);
    await this.staff.leave(source, id);
  }

  private async save(caller: ScimCaller, current: StaffPerson, input: ReturnType<typeof fromScimUser>) {
    const source = this.source(caller);
    const record = await this.record(source, input, current);
    await this.staff.saveRecord(source, record, { userId: current.id, active: input.active });
    return this.get(caller, current.id);
  }

  /** The staff record a SCIM body states, checked as a file's row is; refusals name SCIM attributes. */
  private async record(
    source: StaffSource,
    input: ReturnType<typeof fromScimUser>,
    current: StaffPerson | undefined,
  ): Promise<StaffRecord> {
    const supervisor = await this.supervisorRegistrationNumber(source, input.managerId, current);
    const checked = checkStaffRecord({ ...input.raw, supervisor_registration_number: supervisor });
    if ('problems' in checked)
      throw new ScimError(
        400,
        checked.problems
          .map((p) => `${SCIM_PATH_OF[p.field as keyof typeof SCIM_PATH_OF] ?? p.field}: ${p.message}`)
          .join('; '),
        'invalidValue',
      );
    return checked.record;
  }

  /** manager.value is the supervisor's SCIM id; the record names them by registration number. */
  private async supervisorRegistrationNumber(
    source: StaffSource,
    managerId: string | null,
    current: StaffPerson | undefined,
  ): Promise<string | null> {
    if (!managerId) return null;
    if (current && managerId === current.supervisorId) return current.supervisorRegistrationNumber;
    const manager = UUID.test(managerId) ? await this.staff.getPerson(source, managerId) : undefined;
    if (!manager?.registrationNumber)
      throw new ScimError(400, 'manager.value names no person with a registration number here.', 'invalidValue');
    return manager.registrationNumber;
  }

  private async find(source: StaffSource, id: string): Promise<StaffPerson> {
    const person = UUID.test(id) ? await this.staff.getPerson(source, id) : undefined;
    if (!person) throw new ScimError(404, `No User ${id}.`);
    return person;
  }

  /** Everyone matching any of the lookups, each once, oldest first (a stable order for paging). */
  private async findAny(source: StaffSource, filters: PersonFilter[]): Promise<StaffPerson[]> {
    const byId = new Map<string, StaffPerson>();
    for (const filter of filters) {
      const { items, total } = await this.staff.findPeople(source, filter, 0, MAX_PER_ALTERNATIVE);
      if (total > MAX_PER_ALTERNATIVE)
        throw new ScimError(
          400,
          `One alternative of the filter matches more than ${MAX_PER_ALTERNATIVE} people.`,
          'tooMany',
        );
      for (const person of items) byId.set(person.id, person);
    }
    return [...byId.values()].sort(
      (a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a.id.localeCompare(b.id),
    );
  }

  private source(caller: ScimCaller): StaffSource {
    return {
      kind: 'scim',
      label: `scim:${caller.connection.name}`,
      actorId: null,
      rootAgencyId: caller.connection.agencyId,
      ip: caller.ip,
    };
  }
}
