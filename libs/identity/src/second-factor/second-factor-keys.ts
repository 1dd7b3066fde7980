// The keys of the second factor, both derived (HKDF-SHA256) from SECOND_FACTOR_KEY or, unset, from
// JWT_SECRET: one encrypts each TOTP secret (AES-256-GCM, bound to its person), the other hashes
// recovery codes (HMAC-SHA256). Recovery codes are 50 random bits, so a slow password hash adds
// nothing against guessing that the keyed hash does not (without the key a copied table tells
// nothing), while a keyed hash can be looked up directly instead of checked against ten argon2
// hashes (each 19 MiB of memory) on every attempt.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@chadavkhi/platform';

const IV_BYTES = 12;
const TAG_BYTES = 16;

@Injectable()
export class SecondFactorKeys {
  private readonly secretKey: Buffer;
  private readonly codeKey: Buffer;

  constructor(config: AppConfig) {
    const material = config.SECOND_FACTOR_KEY ?? config.JWT_SECRET;
    this.secretKey = Buffer.from(hkdfSync('sha256', material, 'chadavkhi', 'second-factor-secret', 32));
    this.codeKey = Buffer.from(hkdfSync('sha256', material, 'chadavkhi', 'second-factor-recovery-code', 32));
  }

  /** The secret encrypted for storage: IV, tag and ciphertext; it opens only for the same person. */
  seal(secret: string, userId: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.secretKey, iv).setAAD(Buffer.from(userId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The stored secret in clear; throws when it was sealed under another key or for another person. */
  open(sealed: Buffer, userId: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.secretKey, sealed.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(userId))
      .setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** A recovery code's stored form (hex), for this person only. */
  hashRecoveryCode(code: string, userId: string): string {
    return createHmac('sha256', this.codeKey)
      .update(`${userId}:${normalizeRecoveryCode(code)}`)
      .digest('hex');
  }
}

/** Letters and digits that cannot be misread for one another (no l, o, 0, 1): 5 bits each. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten new codes, each 10 characters (50 random bits) shown as xxxxx-xxxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** As typed: any case, with or without the dash and spaces. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}
