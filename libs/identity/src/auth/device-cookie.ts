// OWASP's "device cookies": a browser where a person signed in with their password carries a token
// naming that account, signed with the server key. A sign-in to that account presenting it is the
// owner's own device, so guessing at the account from elsewhere (or from the same office address)
// does not lock them out there; the device has its own failure limit instead. One account per
// browser: on a shared computer the last person to sign in is the one it vouches for.
import '@fastify/cookie';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export const DEVICE_COOKIE = 'chadavkhi_device';
const DEVICE_COOKIE_SECONDS = 180 * 24 * 3600;

function signatureOf(serverKey: string, email: string, nonce: string): string {
  return createHmac('sha256', serverKey).update(`device:${email}\n${nonce}`).digest('base64url');
}

/** A new token for this account on this browser: `<nonce>.<signature>`. */
export function deviceToken(serverKey: string, email: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${signatureOf(serverKey, email, nonce)}`;
}

/** The token's nonce when it is genuine and names this account; undefined for anything else. */
export function deviceOf(serverKey: string, email: string, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const [nonce, signature, extra] = token.split('.');
  if (extra !== undefined || !nonce || !signature) return undefined;
  const expected = Buffer.from(signatureOf(serverKey, email, nonce));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? nonce : undefined;
}

/** httpOnly, SameSite=Lax, long-lived: it only ever helps its own account's sign-in. */
export function setDeviceCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: DEVICE_COOKIE_SECONDS,
  });
}
