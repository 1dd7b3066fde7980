// Runs in the password-hashing thread (password-hasher.ts): argon2id computed here, never on the
// event loop or libuv's pool. The thread lowers its own scheduling priority (Linux: nice 10 for this
// thread only), so on a busy machine the pages and answers of people already signed in come first,
// and a sign-in waits for the CPU they leave; on an idle machine it changes nothing.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { hashSync, verifySync, Options } from '@node-rs/argon2';

export type HashingTask =
  { op: 'hash'; password: string; options: Options } | { op: 'verify'; hash: string; password: string };

export const HASHING_THREAD_NICE = 10;

/** This thread's kernel id, from /proc/thread-self ("<pid>/task/<tid>"); undefined off Linux. */
function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/task/')[1]);
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

const tid = threadId();
if (tid !== undefined) {
  try {
    setPriority(tid, HASHING_THREAD_NICE);
  } catch {
    // Not allowed here (some sandboxes): the hashing still runs, at normal priority.
  }
}

export default function hashingTask(task: HashingTask): string | boolean {
  if (task.op === 'hash') return hashSync(task.password, task.options);
  try {
    return verifySync(task.hash, task.password);
  } catch {
    return false; // not an argon2 hash: no match
  }
}
