import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';
import { HASHING_THREAD_NICE, SCHED_IDLE } from './password-hashing.thread';

/** Each of this process's threads' nice value and scheduling policy (/proc/self/task/<tid>/stat, fields 19 and 41). */
function threadPriorities(): { tid: number; nice: number; policy: number }[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return { tid: Number(tid), nice: Number(fields[16]), policy: Number(fields[38]) };
  });
}

function hasChrt(): boolean {
  try {
    execFileSync('chrt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('password hashing', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const hash = await hashPassword('Хичээл-2026!');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword(hash, 'Хичээл-2026!')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'хичээл-2026!')).resolves.toBe(false);
  });

  it('answers no, without throwing, for something that is not an argon2 hash', async () => {
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
    await expect(verifyPassword(await decoyHash(), 'decoy')).resolves.toBe(false);
  });

  it('takes many checks at once, and answers each its own', async () => {
    const hash = await hashPassword('right');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => verifyPassword(hash, i % 2 ? 'right' : 'wrong')),
    );
    expect(answers).toEqual([false, true, false, true, false, true, false, true]);
  });

  (process.platform === 'linux' ? it : it.skip)(
    'computes in a thread that runs only on CPU time nothing else wants',
    async () => {
      await hashPassword('warm the thread up');
      const threads = threadPriorities();
      // One thread lowered (maxThreads is one per spare core: this machine may have more)...
      const hashing = threads.filter((t) => t.tid !== process.pid && t.nice === HASHING_THREAD_NICE);
      expect(hashing.length).toBeGreaterThanOrEqual(1);
      // ...to SCHED_IDLE where util-linux's chrt is there (Debian, the Docker image), else nice 10 alone,
      for (const thread of hashing) expect(thread.policy).toBe(hasChrt() ? SCHED_IDLE : 0);
      // and never the event loop's, though this file imports the thread's module for its constants.
      expect(threads.find((t) => t.tid === process.pid)).toEqual({ tid: process.pid, nice: 0, policy: 0 });
    },
  );
});
