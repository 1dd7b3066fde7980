// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
//
// At most one hash per spare core runs at a time. @node-rs/argon2 computes on libuv's thread pool
// (4 threads), which also compresses every page (zlib) and reads files: when an exam room signs in
// at once, 2,000 hashes of ~17 ms queued there put every page's compression behind them, so pages
// of people already signed in waited half a minute while the event loop sat idle. Here sign-ins
// wait their turn in this queue instead, and the pool and one core stay free for everything else.
import { availableParallelism } from 'node:os';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { ConcurrencyGate } from '@chadavkhi/platform';

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const hashingGate = new ConcurrencyGate(Math.max(1, availableParallelism() - 1));

export function hashPassword(password: string): Promise<string> {
  return hashingGate.run(() => hash(password, OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await hashingGate.run(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

// Checked when the email is unknown, so that answer takes as long as a wrong password.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('decoy-password-that-never-matches'));
}
