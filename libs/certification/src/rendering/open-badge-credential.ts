// The certificate as a W3C Verifiable Credential (Data Model 2.0) of type OpenBadgeCredential
// (Open Badges 3.0), secured as a JWS (VC-JOSE): header alg EdDSA + kid, the credential as payload.
import { SignJWT } from 'jose';
import type { SigningKey } from '../signing/signing-key.provider';

export interface CredentialFacts {
  certificateId: string;
  code: string;
  holderName: string;
  courseId: string;
  version: number;
  courseTitle: string;
  courseSummary: string;
  issuedAt: Date;
  expiresAt: Date | null;
  statusListIndex: number;
  issuerName: string;
  publicUrl: string;
}

export function statusListUrl(publicUrl: string): string {
  return `${publicUrl}/api/v1/credentials/status/revocation`;
}

export function openBadgeCredential(f: CredentialFacts) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${f.certificateId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: f.publicUrl, type: ['Profile'], name: f.issuerName },
    validFrom: f.issuedAt.toISOString(),
    ...(f.expiresAt ? { validUntil: f.expiresAt.toISOString() } : {}),
    name: f.courseTitle,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: f.holderName,
      achievement: {
        id: `${f.publicUrl}/courses/${f.courseId}#v${f.version}`,
        type: ['Achievement'],
        name: f.courseTitle,
        description: f.courseSummary,
        criteria: {
          narrative: 'Completed every required lesson and passed the final assessment, if the course has one.',
        },
      },
    },
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

export async function signCredential(credential: object, key: SigningKey): Promise<string> {
  return new SignJWT(credential as Record<string, unknown>)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt', cty: 'vc' })
    .sign(key.privateKey);
}
