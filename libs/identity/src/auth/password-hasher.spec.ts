import { readdirSync, readFileSync } from 'node:fs';
import { decoyHash, hashPassword, verifyPassword } from './password-hasher';
import { HASHING_THREAD_NICE } from './password-hashing.thread';

/** The nice value of each of this process's threads (/proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[16]);
  });
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

  (process.platform === 'linux' ? it : it.skip)('computes in a thread that runs at a lower priority', async () => {
    await hashPassword('warm the thread up');
    expect(threadNiceValues()).toContain(HASHING_THREAD_NICE);
  });
});
