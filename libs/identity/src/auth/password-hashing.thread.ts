// Runs in the password-hashing thread (password-hasher.ts): argon2id computed here, never on the
// event loop or libuv's pool. The thread asks Linux to run it only on CPU time nothing else wants
// (SCHED_IDLE, set with util-linux's chrt; nice 10 where chrt is missing), so on a busy machine the
// pages and answers of people already signed in come first and a sign-in waits for the CPU they
// leave; on an idle machine it changes nothing.
//
// Why SCHED_IDLE and not only a high nice value: in the exam storm (2 cores) the event loop still
// waited for a CPU 40% of the time at nice 10, and as much at nice 19. The processes it wakes (a
// PostgreSQL backend per query) were placed on its own CPU while the other ran the hash; a CPU
// running only SCHED_IDLE work counts as free when the kernel places a woken task, so they go there.
// The cost: on a machine busy without pause, sign-ins wait until it is not (bench/exam-storm).
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { hashSync, verifySync, Options } from '@node-rs/argon2';

export type HashingTask =
  { op: 'hash'; password: string; options: Options } | { op: 'verify'; hash: string; password: string };

export const HASHING_THREAD_NICE = 10;
/** Linux's number for the SCHED_IDLE policy (/proc/<pid>/task/<tid>/stat, field 41). */
export const SCHED_IDLE = 5;

/** This thread's kernel id, from /proc/thread-self ("<pid>/task/<tid>"); undefined off Linux. */
function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/task/')[1]);
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

// Only in the pool's thread: a module that imports this one for its constants stays as it is.
const tid = isMainThread ? undefined : threadId();
if (tid !== undefined) {
  try {
    setPriority(tid, HASHING_THREAD_NICE);
  } catch {
    // Not allowed here (some sandboxes): the hashing still runs, at normal priority.
  }
  try {
    // Lowering one's own thread to SCHED_IDLE needs no privilege.
    execFileSync('chrt', ['--idle', '-p', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // No chrt (util-linux) here: nice 10 it is.
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
