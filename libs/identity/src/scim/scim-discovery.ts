// What /scim/v2 says about itself (RFC 7644 §4, RFC 7643 §5–7): the features it has, its one
// resource type, and the schemas of the attributes it keeps. `base` is the public URL of /scim/v2.
import { MAX_FILTER_TERMS } from './scim-filter';
import { MAX_PATCH_OPERATIONS } from './scim-patch';
import { ENTERPRISE_SCHEMA, STAFF_SCHEMA, USER_SCHEMA } from './scim-user';

export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** The most resources one page of /Users carries, whatever count asks for. */
export const MAX_SCIM_COUNT = 200;

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_SCIM_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: `A connection's token (chs_…), made by an administrator or HR officer under /api/v1/scim-connections. Filters: eq on userName and externalId with and/or (at most ${MAX_FILTER_TERMS} alternatives); PATCH: at most ${MAX_PATCH_OPERATIONS} operations.`,
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function userResourceType(base: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A civil servant, as HR records know them',
    schema: USER_SCHEMA,
    schemaExtensions: [
      { schema: ENTERPRISE_SCHEMA, required: false },
      { schema: STAFF_SCHEMA, required: true },
    ],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  };
}

interface Attribute {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
}

const attr = (name: string, description: string, more: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...more,
});

const typedValue = (what: string) => [
  attr('value', what, { required: true }),
  attr('type', 'Always "work" here'),
  attr('primary', 'The one used', { type: 'boolean' }),
];

const SCHEMAS = [
  {
    id: USER_SCHEMA,
    name: 'User',
    description: 'A civil servant',
    attributes: [
      attr('userName', 'National registration number (two Cyrillic letters, eight digits)', {
        required: true,
        uniqueness: 'server',
      }),
      attr('externalId', "The sending system's own id", { caseExact: true }),
      attr('name', 'Names in Cyrillic', {
        type: 'complex',
        required: true,
        subAttributes: [
          attr('familyName', 'Family name', { required: true }),
          attr('givenName', 'Given name', { required: true }),
          attr('formatted', 'Family name, then given name', { mutability: 'readOnly' }),
        ],
      }),
      attr('displayName', 'Family name, then given name', { mutability: 'readOnly' }),
      attr('emails', 'Work e-mail (one is kept)', {
        type: 'complex',
        multiValued: true,
        subAttributes: typedValue('E-mail address'),
      }),
      attr('phoneNumbers', 'Work phone (one is kept)', {
        type: 'complex',
        multiValued: true,
        subAttributes: typedValue('Phone number'),
      }),
      attr('active', 'False once the person has left the service', { type: 'boolean' }),
    ],
  },
  {
    id: ENTERPRISE_SCHEMA,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: [
      attr('employeeNumber', 'Staff number'),
      attr('organization', "Agency code (the staff extension's agencyCode wins when both are given)"),
      attr('manager', 'The supervisor', {
        type: 'complex',
        subAttributes: [
          attr('value', "The supervisor's id here", { required: true }),
          attr('$ref', "The supervisor's URI", { type: 'reference', referenceTypes: ['User'], mutability: 'readOnly' }),
        ],
      }),
    ],
  },
  {
    id: STAFF_SCHEMA,
    name: 'ChadavkhiStaff',
    description: 'Where a civil servant works, and since when',
    attributes: [
      attr('agencyCode', 'Code of the agency', { required: true }),
      attr('positionCode', 'Code of the position', { required: true }),
      attr('joinedServiceOn', 'Date of joining the civil service (YYYY-MM-DD)'),
      attr('positionSince', 'Date of taking up the position (YYYY-MM-DD)'),
      attr('nameLatin', 'Family and given name in Latin letters, as in the passport'),
      attr('leftOn', 'Date of leaving the service', { mutability: 'readOnly' }),
    ],
  },
];

export function schemaResources(base: string) {
  return SCHEMAS.map((s) => ({
    schemas: [SCHEMA_SCHEMA],
    ...s,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${s.id}` },
  }));
}

export function listResponse<T>(resources: T[], total = resources.length, startIndex = 1) {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}
