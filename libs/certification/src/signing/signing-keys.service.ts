// The public side of the signing keys: the JWKS and single keys that verify every credential signed
// here, and rotate-keys for the embedded default.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { AppConfig } from '@chadavkhi/platform';
import { generateSigningJwk, publicSigningJwk, SIGNING_KEY_KINDS, signingKeyFile } from './signing-key.provider';
import { SigningKeysRepository } from './signing-keys.repository';

@Injectable()
export class SigningKeysService {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: SigningKeysRepository,
  ) {}

  /** Every public key that has signed a credential here, newest first. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: await this.keys.publicKeys() };
  }

  /** One public key by its kid (retired ones too), or undefined. */
  publicKey(kid: string): Promise<JWK | undefined> {
    return this.keys.publicKey(kid);
  }

  /**
   * rotate-keys for the embedded default: new key files under DATA_DIR/keys (Ed25519 and P-256; the
   * old ones kept beside them as .retired), their public keys recorded and the earlier ones marked
   * retired. They stay published, so certificates signed before keep verifying; a running worker
   * signs with the new keys once restarted.
   */
  async rotateLocalKeys(): Promise<{ kid: string; file: string }[]> {
    const jwks = await Promise.all(SIGNING_KEY_KINDS.map((kind) => generateSigningJwk(kind)));
    await this.dataSource.transaction(async (manager) => {
      await this.keys.retireAll(manager);
      for (const [i, jwk] of jwks.entries())
        await this.keys.record(jwk.kid!, await publicSigningJwk(jwk, SIGNING_KEY_KINDS[i]), manager);
    });
    return SIGNING_KEY_KINDS.map((kind, i) => {
      const file = signingKeyFile(this.config.DATA_DIR, kind);
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      if (existsSync(file)) renameSync(file, `${file}.${Date.now()}.retired`);
      writeFileSync(file, JSON.stringify(jwks[i], null, 2) + '\n', { mode: 0o600 });
      return { kid: jwks[i].kid!, file };
    });
  }
}
