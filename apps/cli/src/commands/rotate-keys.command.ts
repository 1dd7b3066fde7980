// A new certificate signing key. Old public keys stay in signing_keys, so certificates signed
// before the rotation still verify against /.well-known/jwks.json.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { generateSigningJwk, signingKeyFile } from '@chadavkhi/certification';

/** For the embedded default: a new key file under DATA_DIR/keys (production uses --print). */
export async function rotateKeys(db: DataSource, log: (line: string) => void): Promise<void> {
  const jwk = await generateSigningJwk();
  const { d: _d, ...publicJwk } = jwk;
  await db.query(`UPDATE signing_keys SET retired_at = now() WHERE retired_at IS NULL`);
  await db.query(`INSERT INTO signing_keys (kid, public_jwk) VALUES ($1, $2) ON CONFLICT (kid) DO NOTHING`, [jwk.kid, JSON.stringify(publicJwk)]);
  const file = signingKeyFile(process.env.DATA_DIR || '.data');
  if (existsSync(file)) renameSync(file, `${file}.${Date.now()}.retired`);
  writeFileSync(file, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600 });
  log(`New signing key ${jwk.kid} written to ${file}; restart the worker to use it. Earlier certificates keep verifying.`);
}
