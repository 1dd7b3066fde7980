import { ConcurrencyGate } from './concurrency-gate';

/** A task that finishes when the test says so, recording when it started. */
function controllable(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const task = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { task, finish: (v = name) => finish(v), fail: (e: Error) => fail(e) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyGate', () => {
  it('runs at most its limit at once and the rest in arrival order', async () => {
    const gate = new ConcurrencyGate(2);
    const log: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => controllable(log, n));
    const results = [a, b, c, d].map((t) => gate.run(t.task));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect(gate.queued).toBe(2);
    b.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    a.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    c.finish();
    d.finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(gate.queued).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new ConcurrencyGate(1);
    const log: string[] = [];
    const [a, b] = ['a', 'b'].map((n) => controllable(log, n));
    const first = gate.run(a.task);
    const second = gate.run(b.task);
    await settle();
    a.fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await expect(second).resolves.toBe('b');
    // The gate is empty again: the next task starts at once.
    const c = controllable(log, 'c');
    const third = gate.run(c.task);
    await settle();
    expect(log.at(-1)).toBe('start c');
    c.finish();
    await third;
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyGate(0)).toThrow(RangeError);
    expect(() => new ConcurrencyGate(1.5)).toThrow(RangeError);
  });
});
