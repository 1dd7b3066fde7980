/** Polls until probe returns something truthy (the queue and workers run asynchronously). */
export async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
