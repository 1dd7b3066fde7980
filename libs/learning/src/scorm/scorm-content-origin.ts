// Where SCORM packages run: an origin of their own, so package code never shares the product's host
// (the session cookie is host-only) nor can read its pages. SCORM_CONTENT_ORIGIN names it; unset, a
// loopback product (development, the tests) uses the other loopback name on the same port, which a
// browser treats as another site (PUBLIC_URL's loopback name is the product's, the other one the
// content's); anywhere else packages cannot be played until it is set.

const LOOPBACK = ['127.0.0.1', 'localhost'] as const;

export interface ScormOriginSettings {
  SCORM_CONTENT_ORIGIN?: string;
  publicUrl: string;
}

/** A Host header split into its name and port ("127.0.0.1:3000" → ["127.0.0.1", "3000"]). */
function splitHost(host: string): [string, string] {
  const at = host.lastIndexOf(':');
  if (at <= 0 || host.endsWith(']')) return [host.toLowerCase(), ''];
  const port = host.slice(at + 1);
  // Only digits reach an origin this builds (the player page writes it into its markup).
  return [host.slice(0, at).toLowerCase(), /^\d{1,5}$/.test(port) ? port : ''];
}

const withPort = (name: string, port: string) => (port ? `${name}:${port}` : name);

/** The loopback name the product answers on when SCORM_CONTENT_ORIGIN is unset: PUBLIC_URL's; null when it is not one. */
function productLoopbackName(settings: ScormOriginSettings): string | null {
  const name = new URL(settings.publicUrl).hostname;
  return (LOOPBACK as readonly string[]).includes(name) ? name : null;
}

const otherLoopback = (name: string) => (name === 'localhost' ? '127.0.0.1' : 'localhost');

/**
 * Whether a request that arrived with a Host header is for the content origin (only content routes
 * answer there), as a test built once from the settings: it runs on every request.
 */
export function scormContentHostTest(settings: ScormOriginSettings): (host: string | undefined) => boolean {
  if (settings.SCORM_CONTENT_ORIGIN) {
    const content = new URL(settings.SCORM_CONTENT_ORIGIN).host;
    return (host) => !!host && host.toLowerCase() === content;
  }
  const product = productLoopbackName(settings);
  if (!product) return () => false;
  const content = otherLoopback(product);
  return (host) => !!host && splitHost(host)[0] === content;
}

/** Whether a request that arrived with this Host header is for the content origin. */
export function isScormContentHost(settings: ScormOriginSettings, host: string | undefined): boolean {
  return scormContentHostTest(settings)(host);
}

/**
 * The content origin a page served at `host` embeds packages from, or null when there is none
 * (SCORM_CONTENT_ORIGIN unset and the page not on the product's loopback name).
 */
export function scormContentOrigin(
  settings: ScormOriginSettings,
  protocol: string,
  host: string | undefined,
): string | null {
  if (settings.SCORM_CONTENT_ORIGIN) return settings.SCORM_CONTENT_ORIGIN.replace(/\/$/, '');
  if (!host) return null;
  const [name, port] = splitHost(host);
  const product = productLoopbackName(settings);
  if (!product || name !== product) return null;
  return `${protocol}://${withPort(otherLoopback(product), port)}`;
}

/** The product origin a content-origin request serves (the only one allowed to frame the player and talk to it). */
export function scormProductOrigin(settings: ScormOriginSettings, protocol: string, host: string): string {
  if (settings.SCORM_CONTENT_ORIGIN) return new URL(settings.publicUrl).origin;
  return `${protocol}://${withPort(productLoopbackName(settings) ?? '127.0.0.1', splitHost(host)[1])}`;
}
