// A connected system's bearer token: 32 random bytes behind a recognisable prefix (secret scanners and
// people reading a log can tell what leaked), stored only as its SHA-256. A hash without a salt is
// enough here: the token is random, not a password anyone chose, so there is nothing to guess.
import { createHash, randomBytes } from 'node:crypto';

export const SCIM_TOKEN_PREFIX = 'chs_';
const SHAPE = /^chs_[A-Za-z0-9_-]{43}$/;

export function newScimToken(): string {
  return `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashScimToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a presented string could be one of our tokens at all (anything else is refused before the database). */
export function looksLikeScimToken(token: string): boolean {
  return SHAPE.test(token);
}

/** What the list shows so a person can tell tokens apart: the prefix and the last four characters. */
export function scimTokenHint(token: string): string {
  return `${SCIM_TOKEN_PREFIX}…${token.slice(-4)}`;
}
