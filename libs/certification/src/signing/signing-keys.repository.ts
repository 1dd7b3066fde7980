// SQL for signing_keys: every public key that has signed a credential here, and which are retired.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JWK } from 'jose';
import { DataSource, EntityManager } from 'typeorm';

@Injectable()
export class SigningKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first. */
  async publicKeys(): Promise<JWK[]> {
    const rows: { public_jwk: JWK }[] = await this.dataSource.query(
      `SELECT public_jwk FROM signing_keys ORDER BY created_at DESC`,
    );
    return rows.map((r) => r.public_jwk);
  }

  async publicKey(kid: string): Promise<JWK | undefined> {
    const [row] = await this.dataSource.query(`SELECT public_jwk FROM signing_keys WHERE kid = $1`, [kid]);
    return row?.public_jwk;
  }

  /** Records a public key unless it is recorded already. */
  async record(kid: string, publicJwk: JWK, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`INSERT INTO signing_keys (kid, public_jwk) VALUES ($1, $2) ON CONFLICT (kid) DO NOTHING`, [
      kid,
      JSON.stringify(publicJwk),
    ]);
  }

  /** Marks every key not yet retired as retired now (they stay in the JWKS). */
  async retireAll(manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL`);
  }
}
