// A new certificate signing key. Old public keys stay in signing_keys, so certificates signed
// before the rotation still verify against /.well-known/jwks.json.
import type { INestApplicationContext } from '@nestjs/common';
import { SigningKeysService } from '@chadavkhi/certification';

/** For the embedded default: a new key file under DATA_DIR/keys (production uses --print). */
export async function rotateKeys(app: INestApplicationContext, log: (line: string) => void): Promise<void> {
  const { kid, file } = await app.get(SigningKeysService).rotateLocalKey();
  log(`New signing key ${kid} written to ${file}; restart the worker to use it. Earlier certificates keep verifying.`);
}
