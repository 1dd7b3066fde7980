// A person as a SCIM User (RFC 7643 §4.1, with the enterprise extension §4.3 and Chadavkhi's own
// staff extension), and a SCIM User back into the raw columns of a staff record, so SCIM and file
// imports go through the same checkStaffRecord.
import type { StaffColumn } from '../staff/staff-record';
import { ScimError } from './scim-error';
import type { StaffPerson } from '../staff/staff-sync.service';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const STAFF_SCHEMA = 'urn:chadavkhi:params:scim:schemas:extension:staff:2.0:User';

type Json = Record<string, unknown>;

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name: { familyName?: string; givenName?: string; formatted: string };
  displayName: string;
  emails?: { value: string; type: 'work'; primary: true }[];
  phoneNumbers?: { value: string; type: 'work'; primary: true }[];
  active: boolean;
  [ENTERPRISE_SCHEMA]: { employeeNumber?: string; organization: string; manager?: { value: string; $ref: string } };
  [STAFF_SCHEMA]: {
    agencyCode: string;
    positionCode: string;
    joinedServiceOn?: string;
    positionSince: string;
    nameLatin?: string;
    leftOn?: string;
  };
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string };
}

/** The resource a client reads; `base` is the public URL of /scim/v2. Absent values are left out, not null. */
export function toScimUser(person: StaffPerson, base: string): ScimUser {
  const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
  const location = (id: string) => `${base}/Users/${id}`;
  return JSON.parse(
    JSON.stringify({
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, STAFF_SCHEMA],
      id: person.id,
      externalId: given(person.externalId),
      userName: person.registrationNumber ?? person.email ?? person.id,
      name: { familyName: given(person.familyName), givenName: given(person.givenName), formatted: person.name },
      displayName: person.name,
      emails: person.email ? [{ value: person.email, type: 'work', primary: true }] : undefined,
      phoneNumbers: person.phone ? [{ value: person.phone, type: 'work', primary: true }] : undefined,
      active: person.isActive,
      [ENTERPRISE_SCHEMA]: {
        employeeNumber: given(person.staffNumber),
        organization: person.agencyCode,
        manager: person.supervisorId ? { value: person.supervisorId, $ref: location(person.supervisorId) } : undefined,
      },
      [STAFF_SCHEMA]: {
        agencyCode: person.agencyCode,
        positionCode: person.positionCode,
        joinedServiceOn: given(person.joinedServiceOn),
        positionSince: person.positionSince,
        nameLatin: given(person.nameLatin),
        leftOn: given(person.leftOn),
      },
      meta: {
        resourceType: 'User',
        created: new Date(person.createdAt).toISOString(),
        lastModified: new Date(person.updatedAt).toISOString(),
        location: location(person.id),
      },
    }),
  ) as ScimUser;
}

/** What a SCIM User body says, as staff-file columns (text), plus what a file has no column for. */
export interface ScimUserInput {
  raw: Partial<Record<StaffColumn | 'external_id', string | null>>;
  active: boolean | undefined;
  /** The SCIM id of the supervisor (enterprise manager.value), to be turned into their registration number. */
  managerId: string | null;
}

/** Where a staff record's field comes from in a SCIM User, to word a refusal in the client's terms. */
export const SCIM_PATH_OF: Record<StaffColumn | 'external_id', string> = {
  registration_number: 'userName',
  family_name: 'name.familyName',
  given_name: 'name.givenName',
  family_name_latin: `${STAFF_SCHEMA}:nameLatin`,
  given_name_latin: `${STAFF_SCHEMA}:nameLatin`,
  email: 'emails',
  phone: 'phoneNumbers',
  staff_number: `${ENTERPRISE_SCHEMA}:employeeNumber`,
  agency_code: `${STAFF_SCHEMA}:agencyCode`,
  position_code: `${STAFF_SCHEMA}:positionCode`,
  supervisor_registration_number: `${ENTERPRISE_SCHEMA}:manager`,
  joined_service_on: `${STAFF_SCHEMA}:joinedServiceOn`,
  position_since: `${STAFF_SCHEMA}:positionSince`,
  external_id: 'externalId',
};

/** Reads a User body (create, replace, or a patched resource). Shapes that are not SCIM's are invalidSyntax; values are checked later. */
export function fromScimUser(body: unknown): ScimUserInput {
  if (!isObject(body)) throw syntax('The body must be a JSON object (a SCIM User).');
  const schemas = body.schemas;
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.includes(USER_SCHEMA)))
    throw syntax(`schemas must include ${USER_SCHEMA}.`);
  const user = caseless(body);
  const name = optionalObject(user.name, 'name');
  const enterprise = optionalObject(user[ENTERPRISE_SCHEMA.toLowerCase()], ENTERPRISE_SCHEMA);
  const staff = optionalObject(user[STAFF_SCHEMA.toLowerCase()], STAFF_SCHEMA);
  const manager = enterprise.manager;
  const managerId =
    manager === undefined || manager === null
      ? null
      : typeof manager === 'string'
        ? manager
        : isObject(manager)
          ? textOf(caseless(manager).value, `${ENTERPRISE_SCHEMA}:manager.value`)
          : badValue(`${ENTERPRISE_SCHEMA}:manager must be an object with a value.`);
  const [latinFamily, ...latinGiven] = (textOf(staff.namelatin, 'nameLatin') ?? '').trim().split(/\s+/);
  // Some clients (Entra ID among them) send active as the string "True" or "False".
  const active =
    typeof user.active === 'string'
      ? ({ true: true, false: false }[user.active.toLowerCase()] ?? user.active)
      : user.active;
  if (active !== undefined && active !== null && typeof active !== 'boolean')
    throw badValue('active must be true or false.');
  return {
    raw: {
      registration_number: textOf(user.username, 'userName'),
      family_name: textOf(name.familyname, 'name.familyName'),
      given_name: textOf(name.givenname, 'name.givenName'),
      family_name_latin: latinFamily || null,
      given_name_latin: latinGiven.join(' ') || null,
      email: multiValued(user.emails, 'emails'),
      phone: multiValued(user.phonenumbers, 'phoneNumbers'),
      staff_number: textOf(enterprise.employeenumber, 'employeeNumber'),
      agency_code: textOf(staff.agencycode, 'agencyCode') ?? textOf(enterprise.organization, 'organization'),
      position_code: textOf(staff.positioncode, 'positionCode'),
      joined_service_on: textOf(staff.joinedserviceon, 'joinedServiceOn'),
      position_since: textOf(staff.positionsince, 'positionSince'),
      external_id: textOf(user.externalid, 'externalId'),
    },
    active: typeof active === 'boolean' ? active : undefined,
    managerId: managerId || null,
  };
}

/** Attribute names are case-insensitive (RFC 7643 §2.1): a copy keyed in lower case. */
export function caseless(object: Json): Json {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k.toLowerCase(), v]));
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalObject(value: unknown, what: string): Json {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw syntax(`${what} must be an object.`);
  return caseless(value);
}

function textOf(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw badValue(`${what} must be a string.`);
}

/** The primary value of emails or phoneNumbers, else the work one, else the first. */
function multiValued(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every(isObject)) throw syntax(`${what} must be a list of objects.`);
  const items = value.map(caseless);
  const chosen = items.find((i) => i.primary === true) ?? items.find((i) => i.type === 'work') ?? items[0];
  return chosen ? textOf(chosen.value, `${what}.value`) : null;
}

function syntax(detail: string): ScimError {
  return new ScimError(400, detail, 'invalidSyntax');
}

function badValue(detail: string): never {
  throw new ScimError(400, detail, 'invalidValue');
}
