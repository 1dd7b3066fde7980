// The EdDSA (Ed25519) key that signs credentials. Production passes it in CERT_SIGNING_KEY (a
// private JWK); the embedded default generates one under DATA_DIR/keys. Every public key ever used
// is kept in signing_keys, so /.well-known/jwks.json verifies old certificates after a rotation.
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, JWK } from 'jose';
import { AppConfig } from '@chadavkhi/platform';
import { SigningKeysRepository } from './signing-keys.repository';

export interface SigningKey {
  kid: string;
  privateKey: webcrypto.CryptoKey | Uint8Array;
  publicJwk: JWK;
}

export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'EdDSA', use: 'sig' };
}

export function signingKeyFile(dataDir: string): string {
  return join(resolve(dataDir), 'keys', 'certificate-signing-key.json');
}

@Injectable()
export class SigningKeyProvider {
  private current?: Promise<SigningKey>;

  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeysRepository,
  ) {}

  /** The key new credentials are signed with (its public half recorded for the JWKS). */
  signingKey(): Promise<SigningKey> {
    return (this.current ??= this.load());
  }

  private async load(): Promise<SigningKey> {
    const jwk = await this.privateJwk();
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d)
      throw new Error('CERT_SIGNING_KEY must be an Ed25519 private JWK (kty OKP, crv Ed25519, with d)');
    const { d: _d, ...publicJwk } = jwk;
    const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk));
    const published = { ...publicJwk, kid, alg: 'EdDSA', use: 'sig' };
    await this.keys.record(kid, published);
    return {
      kid,
      privateKey: (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as webcrypto.CryptoKey,
      publicJwk: published,
    };
  }

  private async privateJwk(): Promise<JWK> {
    if (this.config.CERT_SIGNING_KEY) return JSON.parse(this.config.CERT_SIGNING_KEY) as JWK;
    if (this.config.NODE_ENV === 'production')
      throw new Error('CERT_SIGNING_KEY must be set in production (generate one with: npm run cli -- rotate-keys)');
    await ensureLocalSigningKey(this.config.DATA_DIR);
    return JSON.parse(readFileSync(signingKeyFile(this.config.DATA_DIR), 'utf8')) as JWK;
  }
}

/** Makes sure the embedded default has a key file (called once at start-up of a process that signs). */
export async function ensureLocalSigningKey(dataDir: string): Promise<void> {
  const file = signingKeyFile(dataDir);
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, JSON.stringify(await generateSigningJwk(), null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
  }
}
