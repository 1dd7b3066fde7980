// The certificate as a W3C Verifiable Credential (Data Model 2.0) of type OpenBadgeCredential
// (Open Badges 3.0), and its VC-JWT in the OB 3.0 JWT proof format (§8.2): header alg ES256, a kid
// URL that serves the JWK, typ JWT and nothing else; the claims iss, jti, nbf, sub and exp restate
// the credential.
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { dateTimeToSecond, numericDate } from '../linked-data/date-time';
import { CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT } from '../linked-data/document-loader';
import { achievement } from './achievement';
import type { IdentityObject } from './identity-objects';
import type { IssuerProfile } from './issuer-identity';

export const ACHIEVEMENT_CREDENTIAL_SCHEMA =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/**
 * Neither the VC v2 nor the OB 3.0.3 context defines the type of 1EdTech's schema validator, and a
 * Data Integrity verifier canonicalises in safe mode, which refuses an undefined type. This inline
 * context defines it as 1EdTech's extensions context (…/ob/v3p0/extensions.json) does, without a
 * third document for verifiers to fetch.
 */
const SCHEMA_VALIDATOR_CONTEXT = {
  '1EdTechJsonSchemaValidator2019':
    'https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019',
};

export interface CredentialFacts {
  certificateId: string;
  code: string;
  holderName: string;
  identifiers: IdentityObject[];
  courseId: string;
  version: number;
  courseTitle: string;
  courseSummary: string;
  issuedAt: Date;
  expiresAt: Date | null;
  statusListIndex: number;
  issuer: IssuerProfile;
  publicUrl: string;
}

export function statusListUrl(publicUrl: string): string {
  return `${publicUrl}/api/v1/credentials/status/revocation`;
}

export function openBadgeCredential(f: CredentialFacts) {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT, SCHEMA_VALIDATOR_CONTEXT],
    id: `urn:uuid:${f.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: f.issuer,
    validFrom: dateTimeToSecond(f.issuedAt),
    ...(f.expiresAt ? { validUntil: dateTimeToSecond(f.expiresAt) } : {}),
    name: f.courseTitle,
    credentialSubject: {
      type: ['AchievementSubject'],
      // The holder's name is printed on the certificate; OB 3.0 identifies them by the hashes.
      name: f.holderName,
      identifier: f.identifiers,
      achievement: achievement({
        publicUrl: f.publicUrl,
        courseId: f.courseId,
        version: f.version,
        title: f.courseTitle,
        summary: f.courseSummary,
      }),
    },
    credentialSchema: [{ id: ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: {
      id: `${statusListUrl(f.publicUrl)}#${f.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.statusListIndex),
      statusListCredential: statusListUrl(f.publicUrl),
    },
    evidence: [{ id: `${f.publicUrl}/verify/${f.code}`, type: ['Evidence'], name: `Verification code ${f.code}` }],
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/**
 * OB 3.0 wants `sub` to be credentialSubject.id; our holders have no id (no DID), so `sub` is the
 * first of the hashes that identify them: the value a verifier who knows the person can recompute.
 */
export function jwtSubject(credential: OpenBadgeCredential): string {
  return credential.credentialSubject.identifier[0].identityHash;
}

/** The VC-JWT: the credential (with its Data Integrity proof, which OB 3.0 wants made first) as payload. */
export async function signVcJwt(
  credential: OpenBadgeCredential & { proof?: unknown },
  key: { privateKey: KeyObject; keyUrl: string },
): Promise<string> {
  const jwt = new SignJWT(credential as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: 'ES256', kid: key.keyUrl, typ: 'JWT' })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setSubject(jwtSubject(credential))
    .setNotBefore(numericDate(new Date(credential.validFrom)))
    .setIssuedAt();
  if (credential.validUntil) jwt.setExpirationTime(numericDate(new Date(credential.validUntil)));
  return jwt.sign(key.privateKey);
}
