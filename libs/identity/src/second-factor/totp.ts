// RFC 6238 time-based codes as authenticator apps make them: SHA-1, 6 digits, 30-second steps.
// A code one step either side of now is accepted (a phone's clock or a slow typist); which step it
// matched is returned so the caller can refuse that step, or an earlier one, a second time.
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
const ISSUER = 'Chadavkhi';

function totp(secret: string, account = ''): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step the code belongs to (now, or one step either side); undefined when it matches none. */
export function matchingTimeStep(secret: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const generator = totp(secret);
  const delta = generator.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : generator.counter({ timestamp: now }) + delta;
}

/** The otpauth:// address a QR code carries to an authenticator app. */
export function totpUri(secret: string, account: string): string {
  return totp(secret, account).toString();
}

/** The code for now (the demo box shows the demo accounts' code). */
export function totpCode(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}
