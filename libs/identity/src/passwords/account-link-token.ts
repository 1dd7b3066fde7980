// The secret in an e-mailed account link (invitation, password reset) is an HMAC of the link's id
// under the server key, so it is stored nowhere: not in account_links, the outbox or the
// notification that sends it. A copy of the database cannot be turned into working links.
import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function secretOf(serverKey: string, linkId: string): string {
  return createHmac('sha256', serverKey).update(`account-link:${linkId}`).digest('base64url');
}

/** The token a link carries: `<link id>.<secret>`. */
export function accountLinkToken(serverKey: string, linkId: string): string {
  return `${linkId}.${secretOf(serverKey, linkId)}`;
}

/** Where the person opens the link (the page that sets their password). */
export function accountLinkUrl(publicUrl: string, serverKey: string, linkId: string): string {
  return `${publicUrl}/password/set/${accountLinkToken(serverKey, linkId)}`;
}

/** The link id of a genuine token, or undefined for anything else. */
export function verifyAccountLinkToken(serverKey: string, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const [linkId, secret, extra] = token.split('.');
  if (extra !== undefined || !linkId || !secret || !UUID.test(linkId)) return undefined;
  const expected = Buffer.from(secretOf(serverKey, linkId));
  const given = Buffer.from(secret);
  return expected.length === given.length && timingSafeEqual(expected, given) ? linkId : undefined;
}
