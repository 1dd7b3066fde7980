// The holder as Open Badges 3.0 IdentityObjects: salted SHA-256 hashes of what identifies them
// (registration number, e-mail), so a verifier who is told the value can check it while the
// credential itself discloses nothing. Values are normalised first, so the way an HR clerk typed
// them does not change the hash.
import { createHash } from 'node:crypto';

export interface IdentityObject {
  type: 'IdentityObject';
  identityType: 'nationalIdentityNumber' | 'emailAddress' | 'systemId';
  hashed: true;
  identityHash: string;
  salt: string;
}

export interface HolderIdentity {
  registrationNumber: string | null;
  email: string | null;
  /** The account's id: hashed only when the person has neither of the others (OB 3.0 needs one identifier). */
  userId: string;
}

/** Upper-case with no spaces: "уб 12345678" and "УБ12345678" are the same registration number. */
export function normaliseRegistrationNumber(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** OB 3.0's IdentityHash: "sha256$" and the hex SHA-256 of the UTF-8 value followed by the salt. */
export function identityHash(value: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(value + salt, 'utf8')
    .digest('hex')}`;
}

export function identityObjects(holder: HolderIdentity, salt: string): IdentityObject[] {
  const known: [IdentityObject['identityType'], string | null][] = [
    ['nationalIdentityNumber', holder.registrationNumber && normaliseRegistrationNumber(holder.registrationNumber)],
    ['emailAddress', holder.email && normaliseEmail(holder.email)],
  ];
  const present = known.filter((entry): entry is [IdentityObject['identityType'], string] => !!entry[1]);
  const identities = present.length ? present : [['systemId', holder.userId] as const];
  return identities.map(([identityType, value]) => ({
    type: 'IdentityObject',
    identityType,
    hashed: true,
    identityHash: identityHash(value, salt),
    salt,
  }));
}
