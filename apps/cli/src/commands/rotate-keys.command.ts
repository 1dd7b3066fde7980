// New certificate signing keys (Ed25519 for Data Integrity proofs, P-256 for the VC-JWT). Old public
// keys stay in signing_keys, so certificates signed before the rotation still verify against
// /.well-known/jwks.json and the issuer's DID document.
import type { INestApplicationContext } from '@nestjs/common';
import { SigningKeysService } from '@chadavkhi/certification';

/** For the embedded default: new key files under DATA_DIR/keys (production uses --print). */
export async function rotateKeys(app: INestApplicationContext, log: (line: string) => void): Promise<void> {
  for (const { kid, file } of await app.get(SigningKeysService).rotateLocalKeys())
    log(`New signing key ${kid} written to ${file}.`);
  log('Restart the worker to use them. Earlier certificates keep verifying.');
}
