// A provider that cannot be reached (down, timing out, answering 5xx) is not the person's fault and
// not a forged answer: the sign-in page says "try again later" (503), nothing is audited as refused.

export class ProviderUnavailableError extends Error {
  constructor(
    readonly providerId: string,
    detail: string,
  ) {
    super(`${providerId}: unavailable: ${detail}`);
  }
}

/** Network failures and timeouts, as fetch reports them (TypeError "fetch failed", AbortSignal.timeout). */
export function isNetworkFailure(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** Requests to a provider may use plain http only on this machine (a test provider or a local proxy). */
export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
