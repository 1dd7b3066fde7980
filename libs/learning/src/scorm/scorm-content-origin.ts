// Where SCORM packages run: an origin of their own, so package code never shares the product's host
// (the session cookie is host-only) nor can read its pages. SCORM_CONTENT_ORIGIN names it; unset, a
// loopback product (development, npm start, the tests) derives it from the address the page was
// opened at, on the same port:
// - PUBLIC_URL's own loopback name (127.0.0.1 or localhost) plays from the other one. A browser
//   treats the two as two sites: packages play, but most browsers keep a framed site from storing
//   anything, so they do not play offline.
// - A name under .localhost (chadavkhi.localhost) plays from scorm.<that name>
//   (scorm.chadavkhi.localhost): the same site, as content.training.example.gov.mn is beside
//   training.example.gov.mn, so packages play offline too. Browsers resolve every .localhost name to
//   this machine and treat it as secure, as they do localhost.
// Anywhere else packages cannot be played until SCORM_CONTENT_ORIGIN is set.

const LOOPBACK = ['127.0.0.1', 'localhost'] as const;
/** A name under .localhost, in letters, digits and hyphens only (it is written into the player's markup). */
const LOCALHOST_NAME = /^(?:[a-z0-9-]+\.)+localhost$/;
const CONTENT_PREFIX = 'scorm.';

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
  return (LOOPBACK as readonly string[]).includes(name) || LOCALHOST_NAME.test(name) ? name : null;
}

const otherLoopback = (name: string) => (name === 'localhost' ? '127.0.0.1' : 'localhost');

/** scorm.<name>.localhost: the content origin of a product opened at <name>.localhost. */
const isLocalhostContentName = (name: string) => name.startsWith(CONTENT_PREFIX) && LOCALHOST_NAME.test(name);

/** The content host name a product page opened at `name` plays packages from (SCORM_CONTENT_ORIGIN unset), or null. */
function contentNameFor(product: string, name: string): string | null {
  if (LOCALHOST_NAME.test(name)) return isLocalhostContentName(name) ? null : CONTENT_PREFIX + name;
  return name === product && (LOOPBACK as readonly string[]).includes(product) ? otherLoopback(product) : null;
}

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
  const paired = contentNameFor(product, product);
  return (host) => {
    if (!host) return false;
    const name = splitHost(host)[0];
    return name === paired || isLocalhostContentName(name);
  };
}

/** Whether a request that arrived with this Host header is for the content origin. */
export function isScormContentHost(settings: ScormOriginSettings, host: string | undefined): boolean {
  return scormContentHostTest(settings)(host);
}

/**
 * The content origin a page served at `host` embeds packages from, or null when there is none
 * (SCORM_CONTENT_ORIGIN unset and the page not on a loopback name that has one).
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
  const content = product && contentNameFor(product, name);
  return content ? `${protocol}://${withPort(content, port)}` : null;
}

/** The product origin a content-origin request serves (the only one allowed to frame the player and talk to it). */
export function scormProductOrigin(settings: ScormOriginSettings, protocol: string, host: string): string {
  if (settings.SCORM_CONTENT_ORIGIN) return new URL(settings.publicUrl).origin;
  const [name, port] = splitHost(host);
  if (isLocalhostContentName(name)) return `${protocol}://${withPort(name.slice(CONTENT_PREFIX.length), port)}`;
  const product = productLoopbackName(settings);
  return `${protocol}://${withPort(product && !LOCALHOST_NAME.test(product) ? product : '127.0.0.1', port)}`;
}
