// One person as an HR record states them: what a row of a staff file or a SCIM resource carries,
// checked the same way whichever way it came. Codes name agencies and positions; the supervisor is
// named by registration number, so a file can point at someone on another row.
import { normalizeRegistrationNumber, registrationNumberProblem } from './registration-number';
import { transliterateMongolian } from './transliteration';

export interface StaffRecord {
  registrationNumber: string;
  familyName: string;
  givenName: string;
  /** Latin transliteration, "Family Given" (derived from the Cyrillic when the source has none). */
  nameLatin: string;
  email: string | null;
  phone: string | null;
  staffNumber: string | null;
  agencyCode: string;
  positionCode: string;
  supervisorRegistrationNumber: string | null;
  /** ISO dates (YYYY-MM-DD). */
  joinedServiceOn: string | null;
  positionSince: string | null;
  /** The sending system's own id for the person (SCIM externalId). */
  externalId: string | null;
}

/** The columns of a staff file, in the order the sample file and the README give them. */
export const STAFF_COLUMNS = [
  'registration_number',
  'family_name',
  'given_name',
  'family_name_latin',
  'given_name_latin',
  'email',
  'phone',
  'staff_number',
  'agency_code',
  'position_code',
  'supervisor_registration_number',
  'joined_service_on',
  'position_since',
] as const;
export type StaffColumn = (typeof STAFF_COLUMNS)[number];
export const REQUIRED_STAFF_COLUMNS: readonly StaffColumn[] = [
  'registration_number',
  'family_name',
  'given_name',
  'agency_code',
  'position_code',
];

/** A reason a record (or a row of a file) cannot be taken, with a stable code a page can word. */
export interface StaffRecordProblem {
  field: string;
  code: string;
  message: string;
}

const MAX_TEXT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const CODE = /^[a-z0-9][a-z0-9-]{1,79}$/i;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const ISO_DATE = /^(\d{4})[-./](\d{2})[-./](\d{2})$/;

type Raw = Partial<Record<StaffColumn | 'external_id', string | null | undefined>>;

/** The record, or every problem found in it (not only the first). Values arrive as text, already trimmed or not. */
export function checkStaffRecord(raw: Raw): { record: StaffRecord } | { problems: StaffRecordProblem[] } {
  const problems: StaffRecordProblem[] = [];
  const text = (field: StaffColumn | 'external_id', required = false): string | null => {
    const value = (raw[field] ?? '').trim();
    if (!value) {
      if (required) problems.push({ field, code: 'required', message: `${field} is required` });
      return null;
    }
    if (value.length > MAX_TEXT) {
      problems.push({ field, code: 'too-long', message: `${field} is longer than ${MAX_TEXT} characters` });
      return null;
    }
    return value;
  };
  const matching = (field: StaffColumn, pattern: RegExp, what: string, required = false): string | null => {
    const value = text(field, required);
    if (value !== null && !pattern.test(value)) {
      problems.push({ field, code: 'malformed', message: `${field} is not ${what}` });
      return null;
    }
    return value;
  };
  const date = (field: StaffColumn): string | null => {
    const value = text(field);
    if (value === null) return null;
    const m = ISO_DATE.exec(value);
    const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
    const parsed = m ? new Date(`${iso}T00:00:00Z`) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
      problems.push({ field, code: 'malformed', message: `${field} is not a date written YYYY-MM-DD` });
      return null;
    }
    if (iso < '1950-01-01' || iso > '2100-01-01') {
      problems.push({ field, code: 'out-of-range', message: `${field} is not a plausible date` });
      return null;
    }
    return iso;
  };
  const regnum = (field: 'registration_number' | 'supervisor_registration_number', required: boolean) => {
    const value = text(field, required);
    if (value === null) return null;
    const normal = normalizeRegistrationNumber(value);
    const problem = registrationNumberProblem(normal);
    if (problem) {
      problems.push({ field, code: 'malformed', message: `${field} ${value}: ${problem}` });
      return null;
    }
    return normal;
  };

  const registrationNumber = regnum('registration_number', true);
  const familyName = matching('family_name', NAME, 'a name', true);
  const givenName = matching('given_name', NAME, 'a name', true);
  const familyLatin = matching('family_name_latin', NAME, 'a name');
  const givenLatin = matching('given_name_latin', NAME, 'a name');
  const email = matching('email', EMAIL, 'an e-mail address');
  const phone = matching('phone', PHONE, 'a phone number');
  const staffNumber = text('staff_number');
  const agencyCode = matching('agency_code', CODE, 'an agency code', true);
  const positionCode = matching('position_code', CODE, 'a position code', true);
  const supervisor = regnum('supervisor_registration_number', false);
  const joinedServiceOn = date('joined_service_on');
  const positionSince = date('position_since');
  const externalId = text('external_id');
  if (registrationNumber && supervisor === registrationNumber)
    problems.push({
      field: 'supervisor_registration_number',
      code: 'own-supervisor',
      message: 'a person cannot be their own supervisor',
    });
  if (joinedServiceOn && positionSince && positionSince < joinedServiceOn)
    problems.push({
      field: 'position_since',
      code: 'before-joining',
      message: 'position_since is before joined_service_on',
    });
  if (problems.length) return { problems };
  const latin = (given: string | null, cyrillic: string) => given ?? transliterateMongolian(cyrillic);
  return {
    record: {
      registrationNumber: registrationNumber!,
      familyName: familyName!,
      givenName: givenName!,
      nameLatin: `${latin(familyLatin, familyName!)} ${latin(givenLatin, givenName!)}`,
      email: email?.toLowerCase() ?? null,
      phone,
      staffNumber,
      agencyCode: agencyCode!.toLowerCase(),
      positionCode: positionCode!.toLowerCase(),
      supervisorRegistrationNumber: supervisor,
      joinedServiceOn,
      positionSince,
      externalId,
    },
  };
}

/** The name shown on pages and certificates in Mongolian: family name, then given name. */
export function displayName(record: Pick<StaffRecord, 'familyName' | 'givenName'>): string {
  return `${record.familyName} ${record.givenName}`;
}
