// The two keys that sign credentials: Ed25519 for the embedded Data Integrity proofs (and the EdDSA
// JWTs of certificates issued before), P-256 for the VC-JWT (ES256, the algorithm 1EdTech's
// validator accepts). Production passes each as a private JWK (CERT_SIGNING_KEY,
// CERT_JWT_SIGNING_KEY); the embedded default generates them under DATA_DIR/keys. Every public key
// ever used is kept in signing_keys, so the JWKS and the DID document verify old certificates after a rotation.
import { createPrivateKey, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { AppConfig } from '@chadavkhi/platform';
import { SigningKeysRepository } from './signing-keys.repository';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

/** What tells one kind of signing key from the other: where it comes from and what it must be. */
export interface SigningKeyKind {
  setting: 'CERT_SIGNING_KEY' | 'CERT_JWT_SIGNING_KEY';
  fileName: string;
  alg: 'EdDSA' | 'ES256';
  description: string;
  matches(jwk: JWK): boolean;
}

export const DATA_INTEGRITY_KEY: SigningKeyKind = {
  setting: 'CERT_SIGNING_KEY',
  fileName: 'certificate-signing-key.json',
  alg: 'EdDSA',
  description: 'an Ed25519 private JWK (kty OKP, crv Ed25519, with d)',
  matches: (jwk) => jwk.kty === 'OKP' && jwk.crv === 'Ed25519',
};

export const JWT_KEY: SigningKeyKind = {
  setting: 'CERT_JWT_SIGNING_KEY',
  fileName: 'certificate-jwt-signing-key.json',
  alg: 'ES256',
  description: 'a P-256 private JWK (kty EC, crv P-256, with d)',
  matches: (jwk) => jwk.kty === 'EC' && jwk.crv === 'P-256',
};

export const SIGNING_KEY_KINDS = [DATA_INTEGRITY_KEY, JWT_KEY];

export async function generateSigningJwk(kind: SigningKeyKind): Promise<JWK> {
  const { privateKey } = await generateKeyPair(kind.alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d: _d, ...publicJwk } = jwk;
  return { ...jwk, kid: await calculateJwkThumbprint(publicJwk), alg: kind.alg, use: 'sig' };
}

export function signingKeyFile(dataDir: string, kind: SigningKeyKind): string {
  return join(resolve(dataDir), 'keys', kind.fileName);
}

/** The public half as published: the private member dropped, kid = the RFC 7638 thumbprint unless the JWK names one. */
export async function publicSigningJwk(jwk: JWK, kind: SigningKeyKind): Promise<JWK> {
  const { d: _d, kid, alg: _alg, use: _use, key_ops: _ops, ...publicJwk } = jwk;
  return { ...publicJwk, kid: kid ?? (await calculateJwkThumbprint(publicJwk)), alg: kind.alg, use: 'sig' };
}

@Injectable()
export class SigningKeyProvider {
  private readonly loaded = new Map<SigningKeyKind, Promise<SigningKey>>();

  constructor(
    private readonly config: AppConfig,
    private readonly keys: SigningKeysRepository,
  ) {}

  /** The Ed25519 key new Data Integrity proofs are made with (its public half recorded). */
  dataIntegrityKey(): Promise<SigningKey> {
    return this.key(DATA_INTEGRITY_KEY);
  }

  /** The P-256 key new VC-JWTs are signed with (its public half recorded). */
  jwtKey(): Promise<SigningKey> {
    return this.key(JWT_KEY);
  }

  private key(kind: SigningKeyKind): Promise<SigningKey> {
    let key = this.loaded.get(kind);
    if (!key) this.loaded.set(kind, (key = this.load(kind)));
    return key;
  }

  private async load(kind: SigningKeyKind): Promise<SigningKey> {
    const jwk = await this.privateJwk(kind);
    if (!kind.matches(jwk) || !jwk.d) throw new Error(`${kind.setting} must be ${kind.description}`);
    const publicJwk = await publicSigningJwk(jwk, kind);
    await this.keys.record(publicJwk.kid!, publicJwk);
    const { kid: _kid, alg: _alg, use: _use, key_ops: _ops, ...material } = jwk;
    return { kid: publicJwk.kid!, privateKey: createPrivateKey({ key: material, format: 'jwk' }), publicJwk };
  }

  private async privateJwk(kind: SigningKeyKind): Promise<JWK> {
    const configured = this.config[kind.setting];
    if (configured) return JSON.parse(configured) as JWK;
    if (this.config.NODE_ENV === 'production')
      throw new Error(
        `${kind.setting} must be set in production (generate one with: npm run cli -- rotate-keys --print)`,
      );
    await ensureLocalSigningKey(this.config.DATA_DIR, kind);
    return JSON.parse(readFileSync(signingKeyFile(this.config.DATA_DIR, kind), 'utf8')) as JWK;
  }
}

/** Makes sure the embedded default has a key file of this kind (the first process that signs makes it). */
export async function ensureLocalSigningKey(dataDir: string, kind: SigningKeyKind): Promise<void> {
  const file = signingKeyFile(dataDir, kind);
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, JSON.stringify(await generateSigningJwk(kind), null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
  }
}
