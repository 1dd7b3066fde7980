// RFC 6238 codes written out from the RFC with node:crypto (not the product's library), so tests
// check the product against the standard; test/e2e/second-factor.e2e-spec.ts holds it to the RFC's
// published vectors. nextCode() never reuses a time step (the server accepts each step once) and
// waits for the next step when one person needs more codes than the current window allows.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP: HMAC-SHA1 over the 8-byte counter, dynamically truncated. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hash = createHmac('sha1', key).update(message).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 TOTP with 30-second steps from the Unix epoch. */
export function totpAt(key: Buffer, unixSeconds: number, digits = 6): string {
  return hotp(key, Math.floor(unixSeconds / 30), digits);
}

export const currentStep = () => Math.floor(Date.now() / 1000 / 30);

/** One person's codes, each for a later time step than the last, within the one step either side of now the server accepts. */
export class CodeSource {
  private last = -Infinity;
  readonly key: Buffer;

  constructor(secretBase32: string) {
    this.key = base32Decode(secretBase32);
  }

  async next(): Promise<string> {
    while (this.last + 1 > currentStep() + 1) await new Promise((r) => setTimeout(r, 1000));
    const step = Math.max(this.last + 1, currentStep());
    this.last = step;
    return hotp(this.key, step);
  }

  /** The code most recently handed out (to try it again). */
  get lastCode(): string {
    return hotp(this.key, this.last);
  }
}
