// The public side of the signing keys: the JWKS that verifies every credential signed here, and
// rotate-keys for the embedded default.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import { DataSource } from 'typeorm';
import { AppConfig } from '@chadavkhi/platform';
import { generateSigningJwk, signingKeyFile } from './signing-key.provider';
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

  /**
   * rotate-keys for the embedded default: a new key file under DATA_DIR/keys (the old one kept beside
   * it as .retired), its public key recorded and the earlier ones marked retired. They stay in the
   * JWKS, so certificates signed before keep verifying; a running worker signs with the new key once restarted.
   */
  async rotateLocalKey(): Promise<{ kid: string; file: string }> {
    const jwk = await generateSigningJwk();
    const { d: _d, ...publicJwk } = jwk;
    await this.dataSource.transaction(async (manager) => {
      await this.keys.retireAll(manager);
      await this.keys.record(jwk.kid!, publicJwk, manager);
    });
    const file = signingKeyFile(this.config.DATA_DIR);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    if (existsSync(file)) renameSync(file, `${file}.${Date.now()}.retired`);
    writeFileSync(file, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600 });
    return { kid: jwk.kid!, file };
  }
}
