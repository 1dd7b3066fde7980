// OpenAPI schemas of the credential documents: every field we emit (the end-to-end suite checks
// the real documents against them), not the whole of the W3C and 1EdTech data models (their own
// JSON Schemas are named in credentialSchema).
import type { SchemaObject } from '@nestjs/swagger';

const jsonLd: Record<string, SchemaObject> = {
  '@context': {
    type: 'array',
    description: 'Context URLs, and an inline context defining terms the published ones lack',
    items: {
      oneOf: [
        { type: 'string', format: 'uri' },
        { type: 'object', additionalProperties: true },
      ],
    },
  },
};
const types: SchemaObject = { type: 'array', items: { type: 'string' } };

export const JWK_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['kty', 'kid'],
  properties: {
    kty: { type: 'string', enum: ['OKP', 'EC'] },
    crv: { type: 'string', enum: ['Ed25519', 'P-256'] },
    x: { type: 'string' },
    y: { type: 'string' },
    kid: { type: 'string', description: 'RFC 7638 thumbprint' },
    alg: { type: 'string', enum: ['EdDSA', 'ES256'] },
    use: { type: 'string', enum: ['sig'] },
  },
};

export const JWKS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['keys'],
  properties: { keys: { type: 'array', items: JWK_SCHEMA } },
};

export const ISSUER_PROFILE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'type', 'name'],
  properties: {
    ...jsonLd,
    id: { type: 'string', example: 'did:web:training.example.gov.mn' },
    type: types,
    name: { type: 'string' },
    url: { type: 'string', format: 'uri' },
  },
};

export const ACHIEVEMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'type', 'name', 'description', 'criteria'],
  properties: {
    ...jsonLd,
    id: { type: 'string', format: 'uri' },
    type: types,
    achievementType: { type: 'string', example: 'Course' },
    name: { type: 'string' },
    description: { type: 'string' },
    criteria: { type: 'object', required: ['narrative'], properties: { narrative: { type: 'string' } } },
    version: { type: 'string' },
  },
};

export const DID_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'verificationMethod', 'assertionMethod'],
  properties: {
    ...jsonLd,
    id: { type: 'string' },
    verificationMethod: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'controller'],
        properties: {
          id: { type: 'string' },
          type: { type: 'string', enum: ['Multikey', 'JsonWebKey'] },
          controller: { type: 'string' },
          publicKeyMultibase: { type: 'string', description: 'Ed25519 keys' },
          publicKeyJwk: JWK_SCHEMA,
        },
      },
    },
    assertionMethod: { type: 'array', items: { type: 'string' } },
    service: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, type: { type: 'string' }, serviceEndpoint: { type: 'string' } },
      },
    },
  },
};

const DATA_INTEGRITY_PROOF: SchemaObject = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['DataIntegrityProof'] },
    cryptosuite: { type: 'string', enum: ['eddsa-rdfc-2022'] },
    created: { type: 'string', format: 'date-time' },
    verificationMethod: { type: 'string' },
    proofPurpose: { type: 'string', enum: ['assertionMethod'] },
    proofValue: { type: 'string' },
  },
};

const verifiableCredential = (subject: SchemaObject, more: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  required: ['id', 'type', 'issuer', 'validFrom', 'credentialSubject', 'proof'],
  properties: {
    ...jsonLd,
    id: { type: 'string' },
    type: types,
    issuer: { oneOf: [{ type: 'string' }, ISSUER_PROFILE_SCHEMA] },
    validFrom: { type: 'string', format: 'date-time' },
    validUntil: { type: 'string', format: 'date-time' },
    credentialSubject: subject,
    proof: { type: 'array', items: DATA_INTEGRITY_PROOF },
    ...more,
  },
});

const typedLink = (more: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  properties: { id: { type: 'string' }, type: { oneOf: [{ type: 'string' }, types] }, ...more },
});

export const OPEN_BADGE_CREDENTIAL_SCHEMA = verifiableCredential(
  {
    type: 'object',
    properties: {
      type: types,
      name: { type: 'string', description: "The holder's name, as printed on the certificate" },
      identifier: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: ['IdentityObject'] },
            identityType: { type: 'string', enum: ['nationalIdentityNumber', 'emailAddress', 'systemId'] },
            hashed: { type: 'boolean' },
            identityHash: { type: 'string', example: 'sha256$…' },
            salt: { type: 'string' },
          },
        },
      },
      achievement: ACHIEVEMENT_SCHEMA,
    },
  },
  {
    name: { type: 'string', description: 'The course title' },
    credentialSchema: { type: 'array', items: typedLink() },
    credentialStatus: typedLink({
      statusPurpose: { type: 'string', enum: ['revocation'] },
      statusListIndex: { type: 'string' },
      statusListCredential: { type: 'string', format: 'uri' },
    }),
    evidence: { type: 'array', items: typedLink({ name: { type: 'string' } }) },
  },
);

export const STATUS_LIST_CREDENTIAL_SCHEMA = verifiableCredential({
  type: 'object',
  properties: {
    id: { type: 'string' },
    type: { type: 'string', enum: ['BitstringStatusList'] },
    statusPurpose: { type: 'string', enum: ['revocation'] },
    encodedList: { type: 'string', description: 'multibase base64url of the GZIP-compressed bitstring' },
    ttl: { type: 'integer', description: 'milliseconds' },
  },
});
