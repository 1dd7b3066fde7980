// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), computed in a thread of
// its own: one per spare core, so sign-ins wait their turn in the pool's queue.
//
// @node-rs/argon2's async functions compute on libuv's thread pool (4 threads), which also
// compresses large answers and reads files: when an exam room signed in at once, 2,000 hashes of
// ~17 ms queued there, everything else on the pool waited behind them, and the hashes took both
// cores from the pages of people already signed in. The thread also runs at a lower priority
// (password-hashing.thread.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Algorithm, Options } from '@node-rs/argon2';
import { Piscina } from 'piscina';
import type { HashingTask } from './password-hashing.thread';

const OPTIONS: Options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

let pool: Piscina<HashingTask, string | boolean> | undefined;

function hashingPool(): Piscina<HashingTask, string | boolean> {
  const file = threadFile();
  return (pool ??= new Piscina({
    filename: file,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism() - 1),
    // Sign-ins come in bursts: keep the thread a while rather than start one per burst.
    idleTimeout: 60_000,
    // Running from TypeScript sources (the tests): the thread compiles them the way jest does.
    execArgv: file.endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
  }));
}

function threadFile(): string {
  const compiled = join(__dirname, 'password-hashing.thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'password-hashing.thread.ts');
}

export async function hashPassword(password: string): Promise<string> {
  return (await hashingPool().run({ op: 'hash', password, options: OPTIONS })) as string;
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return (await hashingPool().run({ op: 'verify', hash: passwordHash, password })) === true;
}

// Checked when the email is unknown, so that answer takes as long as a wrong password.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword('decoy-password-that-never-matches'));
}
