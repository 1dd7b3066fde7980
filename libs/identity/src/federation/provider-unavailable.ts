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

/**
 * Network failures and timeouts, as fetch reports them (TypeError "fetch failed", AbortSignal's
 * TimeoutError), possibly wrapped. Told by name, not instanceof: under jest, fetch's errors come from another realm.
 */
export function isNetworkFailure(error: unknown): boolean {
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: unknown };
  if ((name === 'TypeError' && message === 'fetch failed') || name === 'TimeoutError' || name === 'AbortError')
    return true;
  // openid-client wraps an error it does not recognise (such as fetch's, from jest's other realm).
  return name === 'ClientError' && cause !== undefined && cause !== error && isNetworkFailure(cause);
}

/** A short reason for the audit log: openid-client's code, the provider's OAuth error, the message. */
export function describeProviderError(error: unknown): string {
  const e = (error ?? {}) as {
    message?: string;
    code?: string;
    error?: string;
    error_description?: string;
    cause?: { message?: string };
  };
  return [e.code, e.error, e.error_description, e.message, e.cause?.message].filter(Boolean).join(': ').slice(0, 400);
}

/** Requests to a provider may use plain http only on this machine (a test provider or a local proxy). */
export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
