// Micro-batching for a lookup every request makes (the session check): lookups asked for while the
// event loop handles one burst of I/O go to PostgreSQL as one query. Nothing is kept between batches —
// every answer is read after its request arrived — so this is not a cache: a permission change or a
// sign-out is seen by the next request exactly as without it.
//
// Why: on a busy API each lookup costs a round trip (a write system call, a backend wake-up, a parse of
// the reply). Twenty requests in flight make twenty; batched they make a few. When idle, a lookup waits
// only for the end of the current turn of the event loop (setImmediate), then runs alone.

export interface BatchedLookupOptions {
  /** Most keys in one query. */
  maxBatch: number;
  /** Most batch queries at once (within the pool's size); past it, keys wait and the next batch grows. */
  maxInFlight: number;
}

interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

export class BatchedLookup<K, V> {
  private readonly pending = new Map<string, { key: K; waiters: Waiter<V>[] }>();
  private scheduled = false;
  private inFlight = 0;

  /**
   * @param fetch one query for many keys; returns the found values by `keyOf(key)` (a missing one is undefined)
   */
  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<string, V>>,
    private readonly keyOf: (key: K) => string,
    private readonly options: BatchedLookupOptions = { maxBatch: 200, maxInFlight: 3 },
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const id = this.keyOf(key);
      const entry = this.pending.get(id);
      if (entry) entry.waiters.push({ resolve, reject });
      else this.pending.set(id, { key, waiters: [{ resolve, reject }] });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || !this.pending.size) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.pending.size && this.inFlight < this.options.maxInFlight) {
      const batch: [string, { key: K; waiters: Waiter<V>[] }][] = [];
      for (const entry of this.pending) {
        batch.push(entry);
        if (batch.length === this.options.maxBatch) break;
      }
      for (const [id] of batch) this.pending.delete(id);
      this.inFlight++;
      const done = () => {
        // The next batch is scheduled before this one's answers go out.
        this.inFlight--;
        this.schedule();
      };
      this.fetch(batch.map(([, entry]) => entry.key)).then(
        (found) => {
          done();
          for (const [id, entry] of batch) for (const w of entry.waiters) w.resolve(found.get(id));
        },
        (error) => {
          done();
          for (const [, entry] of batch) for (const w of entry.waiters) w.reject(error);
        },
      );
    }
  }
}
