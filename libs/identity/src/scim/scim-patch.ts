// PATCH (RFC 7644 §3.5.2) applied to the resource as the server shows it: add, replace and remove,
// with a path or without one (a value object whose keys are paths), on the attributes this server
// keeps. The patched resource is then read like a PUT body, so the same checks apply to both.
import { filter as matcher, parse } from 'scim2-parse-filter';
import { ScimError } from './scim-error';
import { caseless, ENTERPRISE_SCHEMA, isObject, STAFF_SCHEMA, USER_SCHEMA } from './scim-user';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const MAX_PATCH_OPERATIONS = 100;

type Json = Record<string, unknown>;
type Op = 'add' | 'replace' | 'remove';

/** Attributes each container holds, in their canonical spelling; `multi` ones are lists. */
const ATTRIBUTES: Record<string, { names: string[]; readOnly: string[]; multi: string[]; ignored: string[] }> = {
  [USER_SCHEMA]: {
    names: ['externalId', 'userName', 'name', 'displayName', 'emails', 'phoneNumbers', 'active'],
    readOnly: ['id', 'meta', 'schemas'],
    multi: ['emails', 'phoneNumbers'],
    // Core User attributes this server does not keep: accepted and dropped, as clients send them routinely.
    ignored: [
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'addresses',
      'ims',
      'photos',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
      'password',
    ],
  },
  [ENTERPRISE_SCHEMA]: {
    names: ['employeeNumber', 'organization', 'manager'],
    readOnly: [],
    multi: [],
    ignored: ['costCenter', 'division', 'department'],
  },
  [STAFF_SCHEMA]: {
    names: ['agencyCode', 'positionCode', 'joinedServiceOn', 'positionSince', 'nameLatin'],
    readOnly: ['leftOn'],
    multi: [],
    ignored: [],
  },
};
const EXTENSIONS = [ENTERPRISE_SCHEMA, STAFF_SCHEMA];

/** The resource after the operations; throws a SCIM error (invalidSyntax, invalidPath, noTarget, mutability) on the first bad one. */
export function applyPatch(resource: Json, body: unknown): Json {
  if (!isObject(body)) throw syntax('The body must be a PatchOp message.');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP_SCHEMA))
    throw syntax(`schemas must be ["${PATCH_OP_SCHEMA}"].`);
  const operations = caseless(body).operations;
  if (!Array.isArray(operations) || !operations.length) throw syntax('Operations must be a non-empty list.');
  if (operations.length > MAX_PATCH_OPERATIONS) throw syntax(`At most ${MAX_PATCH_OPERATIONS} operations at once.`);
  const out = structuredClone(resource);
  for (const raw of operations) {
    if (!isObject(raw)) throw syntax('Each operation must be an object.');
    const operation = caseless(raw);
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : undefined;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw syntax('op must be add, replace or remove.');
    const path = operation.path;
    if (path !== undefined && typeof path !== 'string') throw syntax('path must be a string.');
    if (path === undefined || path === '') {
      if (op === 'remove') throw new ScimError(400, 'remove needs a path.', 'noTarget');
      if (!isObject(operation.value)) throw syntax(`${op} without a path needs an object value.`);
      for (const [key, value] of Object.entries(operation.value)) {
        const extension = EXTENSIONS.find((e) => e.toLowerCase() === key.toLowerCase());
        if (extension && isObject(value)) {
          for (const [sub, subValue] of Object.entries(value)) applyOne(out, op, `${extension}:${sub}`, subValue);
        } else applyOne(out, op, key, value);
      }
    } else {
      if (op !== 'remove' && !('value' in operation)) throw syntax(`${op} needs a value.`);
      applyOne(out, op, path, operation.value);
    }
  }
  return out;
}

interface Target {
  schema: string;
  /** The container object's key in the resource, or undefined for the resource itself. */
  containerKey: string | undefined;
  attribute: string | undefined;
  valueFilter: string | undefined;
  sub: string | undefined;
  /** The path names a whole extension (its URN alone). */
  whole?: boolean;
}

const PATH = /^([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z][\w$-]*))?$/s;

function resolve(path: string): Target {
  const lower = path.toLowerCase();
  const schema = [USER_SCHEMA, ...EXTENSIONS].find(
    (s) => lower === s.toLowerCase() || lower.startsWith(`${s.toLowerCase()}:`),
  );
  const containerKey = schema && schema !== USER_SCHEMA ? schema : undefined;
  const rest = schema ? path.slice(schema.length + 1) : path;
  if (schema && !rest) {
    if (schema === USER_SCHEMA) throw new ScimError(400, 'The core schema itself is not a path.', 'invalidPath');
    return { schema, containerKey, attribute: undefined, valueFilter: undefined, sub: undefined, whole: true };
  }
  const match = PATH.exec(rest);
  if (!match) throw new ScimError(400, `${path} is not an attribute path.`, 'invalidPath');
  const known = ATTRIBUTES[schema ?? USER_SCHEMA];
  const [, name, valueFilter, sub] = match;
  const canonical = (list: string[]) => list.find((a) => a.toLowerCase() === name.toLowerCase());
  const readOnly = canonical(known.readOnly);
  if (readOnly) throw new ScimError(400, `${readOnly} cannot be changed.`, 'mutability');
  const ignored = canonical(known.ignored);
  const attribute = canonical(known.names) ?? (ignored ? undefined : '');
  if (attribute === '') throw new ScimError(400, `${path} is not an attribute of a User here.`, 'invalidPath');
  if (valueFilter && !known.multi.includes(attribute ?? ''))
    throw new ScimError(400, `${name} is not multi-valued, so it takes no filter.`, 'invalidPath');
  return { schema: schema ?? USER_SCHEMA, containerKey, attribute, valueFilter, sub };
}

function applyOne(resource: Json, op: Op, path: string, value: unknown): void {
  const target = resolve(path);
  if (target.whole && target.containerKey) {
    // The whole extension: remove clears it, add and replace set each of its attributes.
    if (op === 'remove') resource[target.containerKey] = {};
    else if (!isObject(value)) throw syntax(`${target.schema} takes an object.`);
    else
      for (const [sub, subValue] of Object.entries(value)) applyOne(resource, op, `${target.schema}:${sub}`, subValue);
    return;
  }
  if (target.attribute === undefined) return; // an attribute this server does not keep
  const container = target.containerKey
    ? ((resource[target.containerKey] = isObject(resource[target.containerKey])
        ? resource[target.containerKey]
        : {}) as Json)
    : resource;
  const key = findKey(container, target.attribute) ?? target.attribute;
  if (target.valueFilter) return patchElements(container, key, target.valueFilter, target.sub, op, value);
  if (target.sub) {
    if (op === 'remove') {
      if (isObject(container[key]))
        delete (container[key] as Json)[findKey(container[key] as Json, target.sub) ?? target.sub];
      return;
    }
    const parent = (container[key] = isObject(container[key]) ? container[key] : {}) as Json;
    parent[findKey(parent, target.sub) ?? target.sub] = value;
    return;
  }
  if (op === 'remove') {
    delete container[key];
    return;
  }
  if (isObject(value) && isObject(container[key]) && op === 'add')
    container[key] = { ...(container[key] as Json), ...value };
  else
    container[key] =
      Array.isArray(value) || !ATTRIBUTES[target.schema].multi.includes(target.attribute) ? value : [value];
}

/** emails[type eq "work"].value and the like: the elements the filter selects, or a new one when replacing finds none. */
function patchElements(
  container: Json,
  key: string,
  valueFilter: string,
  sub: string | undefined,
  op: Op,
  value: unknown,
) {
  let test: (element: unknown) => boolean;
  try {
    test = matcher(parse(valueFilter));
  } catch (error) {
    throw new ScimError(400, `The filter in the path cannot be read: ${(error as Error).message}`, 'invalidPath');
  }
  const list = Array.isArray(container[key]) ? (container[key] as unknown[]).filter(isObject) : [];
  const chosen = list.filter((e) => test(e));
  if (op === 'remove') {
    container[key] = sub
      ? list.map((e) => (chosen.includes(e) ? omit(e, sub) : e))
      : list.filter((e) => !chosen.includes(e));
    return;
  }
  if (!chosen.length) {
    // A replace (or add) that names an element by its type, as identity providers do, makes it.
    const made = elementFromFilter(valueFilter);
    if (!made) throw new ScimError(400, `No ${key} value matches ${valueFilter}.`, 'noTarget');
    const element = sub ? { ...made, [sub]: value } : isObject(value) ? { ...made, ...value } : { ...made, value };
    container[key] = [...list, element];
    return;
  }
  for (const element of chosen) {
    if (sub) element[sub] = value;
    else if (isObject(value)) Object.assign(element, value);
    else throw syntax(`${key}[${valueFilter}] takes an object; name a sub-attribute to set one value.`);
  }
  container[key] = list;
}

/** `type eq "work"` → { type: "work" }: the element a filter describes, when it is one equality. */
function elementFromFilter(valueFilter: string): Json | undefined {
  const f = parse(valueFilter) as { op: string; attrPath?: string; compValue?: unknown };
  return f.op === 'eq' && f.attrPath ? { [f.attrPath]: f.compValue } : undefined;
}

function findKey(object: Json, name: string): string | undefined {
  return Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
}

function omit(object: Json, key: string): Json {
  const out = { ...object };
  delete out[findKey(out, key) ?? key];
  return out;
}

function syntax(detail: string): ScimError {
  return new ScimError(400, detail, 'invalidSyntax');
}
