// Short-lived HS256 access tokens; the web session re-issues them (sliding) up to an absolute limit.
import { createHmac, randomUUID, timingSafeEqual, webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createVerifier } from 'fast-jwt';
import { SignJWT } from 'jose';
import { AppConfig } from '@chadavkhi/platform';

/** Verified tokens kept in memory: a few hundred bytes each. */
const VERIFIED_TOKENS = 5000;

export interface AccessClaims {
  sub: string;
  ver: number;
  jti: string;
  /** When the session began (seconds); re-issued tokens keep it so a session cannot live forever. */
  sst: number;
  /** The session (one sign-in) the token belongs to; renewals keep it, signing out revokes it. */
  sid: string;
  exp: number;
  iat: number;
}

const ISSUER = 'chadavkhi';
const AUDIENCE = 'chadavkhi-api';

@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /** Imported once: jose would otherwise import the raw secret on every sign. */
  private readonly cryptoKey: Promise<webcrypto.CryptoKey>;
  /**
   * Every request checks a token, so verifying is synchronous HMAC in this thread (about 10 µs);
   * jose goes through WebCrypto, a thread-pool round trip costing several times that in CPU and
   * more in latency under load. Same rules as before: HS256 only, our issuer and audience, not
   * expired (no leeway), and every claim we issue present.
   */
  private readonly verifier: (token: string) => Record<string, unknown>;
  /**
   * Tokens already verified, by the whole token (so no two tokens share an entry), at most
   * VERIFIED_TOKENS, oldest out first; a hit is checked for expiry again. A token's signature and
   * claims never change, so this keeps nothing a sign-out or a permission change must invalidate:
   * those are read from PostgreSQL on every request. It spares the HMAC and the JSON parse
   * (fast-jwt's own cache hashes each token with SHA-512 to find it, which costs about as much).
   */
  private readonly verified = new Map<string, AccessClaims>();

  constructor(private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
    this.cryptoKey = webcrypto.subtle.importKey('raw', this.key, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    this.verifier = createVerifier({
      key: Buffer.from(this.key),
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      requiredClaims: ['iss', 'aud', 'sub', 'jti', 'iat', 'exp'],
      clockTolerance: 0,
    });
  }

  /** When a session ends whatever renewals it gets (seconds since the epoch). */
  sessionEndsAt(sessionStartedAt: number): number {
    return sessionStartedAt + this.config.SESSION_MAX_HOURS * 3600;
  }

  get ttlSeconds(): number {
    return this.config.JWT_TTL_SECONDS;
  }

  /** A token of a session (its id and start): the first (AuthService.startSession opens the session) or a renewal. */
  async issue(
    user: { id: string; tokenVersion: number },
    session: { sid: string; sst: number },
  ): Promise<{ token: string; claims: AccessClaims }> {
    const now = Math.floor(Date.now() / 1000);
    const sessionStartedAt = session.sst;
    const sid = session.sid;
    const maxEnd = this.sessionEndsAt(sessionStartedAt);
    const exp = Math.min(now + this.config.JWT_TTL_SECONDS, maxEnd);
    const jti = randomUUID();
    const token = await new SignJWT({ ver: user.tokenVersion, sst: sessionStartedAt, sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(await this.cryptoKey);
    return { token, claims: { sub: user.id, ver: user.tokenVersion, jti, sst: sessionStartedAt, sid, exp, iat: now } };
  }

  /** Returns the claims of a valid, unexpired token, or undefined. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.exp * 1000) return { ...known };
      this.verified.delete(token);
      return undefined;
    }
    let payload: Record<string, unknown>;
    try {
      payload = this.verifier(token);
    } catch {
      return undefined;
    }
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.ver !== 'number' ||
      typeof payload.jti !== 'string' ||
      typeof payload.sst !== 'number' ||
      typeof payload.sid !== 'string' ||
      typeof payload.exp !== 'number'
    )
      return undefined;
    const claims = payload as unknown as AccessClaims;
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return { ...claims };
  }

  /** The CSRF token of a web session: bound to the user and the session start, so it survives renewals but not sign-in again. */
  csrfToken(session: { id: string; sessionStartedAt: number }): string {
    return createHmac('sha256', this.key).update(`csrf:${session.id}:${session.sessionStartedAt}`).digest('base64url');
  }

  checkCsrf(session: { id: string; sessionStartedAt: number }, presented: unknown): boolean {
    if (typeof presented !== 'string' || !presented) return false;
    const expected = Buffer.from(this.csrfToken(session));
    const given = Buffer.from(presented);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
