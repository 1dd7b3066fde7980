// The filters /scim/v2/Users answers (RFC 7644 §3.4.2.2): `eq` on userName (the registration number,
// compared as registration numbers are: case and spaces do not matter) and on externalId (exact),
// joined with `and` and `or`. Parsed by scim2-parse-filter, then brought to a few conjunctions (an
// `or` of `and`s) that the staff records service can look up; anything else is invalidFilter.
import { type Filter, parse } from 'scim2-parse-filter';
import { normalizeRegistrationNumber } from '../staff/registration-number';
import { ScimError } from './scim-error';

export interface PersonFilter {
  registrationNumber?: string;
  externalId?: string;
}

/** An `or` of more lookups than this is refused (tooMany would be wrong: it is the filter that is too big). */
export const MAX_FILTER_TERMS = 20;
const MAX_FILTER_LENGTH = 2000;

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User:';

/** Undefined for an empty or absent filter (everyone in scope); otherwise the conjunctions, none contradictory. */
export function parseUserFilter(text: string | undefined): PersonFilter[] | undefined {
  if (text === undefined || !text.trim()) return undefined;
  if (text.length > MAX_FILTER_LENGTH) throw invalid(`The filter is longer than ${MAX_FILTER_LENGTH} characters.`);
  let ast: Filter;
  try {
    ast = parse(text);
  } catch (error) {
    throw invalid(`The filter cannot be read: ${(error as Error).message}`);
  }
  const terms = disjuncts(ast);
  if (terms.length > MAX_FILTER_TERMS) throw invalid(`The filter names more than ${MAX_FILTER_TERMS} alternatives.`);
  return terms.filter((t): t is PersonFilter => t !== null);
}

/** Each alternative of the filter as one lookup; null for an alternative that no one can match (`userName eq "a" and userName eq "b"`). */
function disjuncts(f: Filter): (PersonFilter | null)[] {
  switch (f.op) {
    case 'or':
      return (f as { filters: Filter[] }).filters.flatMap(disjuncts);
    case 'and': {
      let out: (PersonFilter | null)[] = [{}];
      for (const part of (f as { filters: Filter[] }).filters) {
        const right = disjuncts(part);
        out = out.flatMap((l) => right.map((r) => merge(l, r)));
        if (out.length > MAX_FILTER_TERMS)
          throw invalid(`The filter names more than ${MAX_FILTER_TERMS} alternatives.`);
      }
      return out;
    }
    case 'eq':
      return [comparison(f as { attrPath: string; compValue: unknown })];
    default:
      throw invalid(`Only eq on userName and externalId, with and/or, can be filtered on here (not "${f.op}").`);
  }
}

function comparison(f: { attrPath: string; compValue: unknown }): PersonFilter {
  const attribute = f.attrPath.startsWith(USER_URN) ? f.attrPath.slice(USER_URN.length) : f.attrPath;
  if (typeof f.compValue !== 'string') throw invalid(`${f.attrPath} is compared with a string.`);
  // Attribute names are case-insensitive (RFC 7643 §2.1).
  switch (attribute.toLowerCase()) {
    case 'username':
      return { registrationNumber: normalizeRegistrationNumber(f.compValue) };
    case 'externalid':
      return { externalId: f.compValue };
    default:
      throw invalid(`Filtering on ${f.attrPath} is not supported; use userName or externalId.`);
  }
}

function merge(a: PersonFilter | null, b: PersonFilter | null): PersonFilter | null {
  if (!a || !b) return null;
  const out: PersonFilter = { ...a };
  for (const key of ['registrationNumber', 'externalId'] as const) {
    if (b[key] === undefined) continue;
    if (out[key] !== undefined && out[key] !== b[key]) return null;
    out[key] = b[key];
  }
  return out;
}

function invalid(detail: string): ScimError {
  return new ScimError(400, detail, 'invalidFilter');
}
