import { BatchedLookup } from './batched-lookup';

/** A fetch that records each batch and answers when told to. */
function recorder() {
  const batches: string[][] = [];
  const release: (() => void)[] = [];
  const fetch = (keys: string[]) => {
    batches.push(keys);
    return new Promise<Map<string, string>>((resolve, reject) => {
      release.push(() =>
        keys.includes('boom') ? reject(new Error('database gone')) : resolve(new Map(keys.map((k) => [k, `v:${k}`]))),
      );
    });
  };
  return { batches, release, fetch };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedLookup', () => {
  it('sends the lookups of one turn of the event loop as one batch, and a key asked twice once', async () => {
    const r = recorder();
    const lookup = new BatchedLookup<string, string>(r.fetch, (k) => k);
    const answers = Promise.all([lookup.load('a'), lookup.load('b'), lookup.load('a')]);
    await tick();
    expect(r.batches).toEqual([['a', 'b']]);
    r.release.shift()!();
    await expect(answers).resolves.toEqual(['v:a', 'v:b', 'v:a']);
  });

  it('keeps nothing: the same key asked after its batch answered is fetched again', async () => {
    const r = recorder();
    const lookup = new BatchedLookup<string, string>(r.fetch, (k) => k);
    const first = lookup.load('a');
    await tick();
    r.release.shift()!();
    await first;
    const second = lookup.load('a');
    await tick();
    r.release.shift()!();
    await second;
    expect(r.batches).toEqual([['a'], ['a']]);
  });

  it('at most maxInFlight batches at once: later keys wait and go together', async () => {
    const r = recorder();
    const lookup = new BatchedLookup<string, string>(r.fetch, (k) => k, { maxBatch: 10, maxInFlight: 1 });
    const a = lookup.load('a');
    await tick();
    const rest = Promise.all(['b', 'c', 'd'].map((k) => lookup.load(k)));
    await tick();
    expect(r.batches).toEqual([['a']]);
    r.release.shift()!();
    await a;
    await tick();
    expect(r.batches).toEqual([['a'], ['b', 'c', 'd']]);
    r.release.shift()!();
    await expect(rest).resolves.toEqual(['v:b', 'v:c', 'v:d']);
  });

  it('splits past maxBatch, answers a missing key with undefined, and fails only the batch that failed', async () => {
    const r = recorder();
    const lookup = new BatchedLookup<string, string>(
      async (keys) => {
        const found = await r.fetch(keys);
        found.delete('missing');
        return found;
      },
      (k) => k,
      { maxBatch: 2, maxInFlight: 2 },
    );
    const ok = Promise.all([lookup.load('a'), lookup.load('missing')]);
    const failed = lookup.load('boom');
    await tick();
    expect(r.batches).toEqual([['a', 'missing'], ['boom']]);
    r.release.forEach((f) => f());
    await expect(ok).resolves.toEqual(['v:a', undefined]);
    await expect(failed).rejects.toThrow('database gone');
  });
});
