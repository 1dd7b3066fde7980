// Reads an urlencoded form body (every value a string) into bounded, typed values, collecting a
// message per field in the page's language, so a page can be shown again with what was typed.
import type { FastifyRequest } from 'fastify';
import { Language, translate } from './i18n';

export type FieldErrors = Record<string, string>;

export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

const COMPETENCY_CODE = /^[a-z0-9][a-z0-9-]{1,59}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export class FormReader {
  readonly errors: FieldErrors = {};
  /** What was typed, as typed (trimmed), to put back into the form. */
  readonly values: Record<string, string> = {};

  constructor(
    private readonly body: Record<string, unknown>,
    private readonly lang: Language,
  ) {}

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** A raw string: the first value if the field was sent twice, line endings as \n. */
  raw(name: string): string {
    const value = Array.isArray(this.body[name]) ? (this.body[name] as unknown[])[0] : this.body[name];
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
  }

  text(name: string, { min = 0, max, trim = true }: { min?: number; max: number; trim?: boolean }): string {
    const value = trim ? this.raw(name).trim() : this.raw(name);
    this.values[name] = value;
    if (min > 0 && value.length === 0) this.fail(name, 'form.required');
    else if (value.length < min) this.fail(name, 'form.tooShort', { min });
    else if (value.length > max) this.fail(name, 'form.tooLong', { max });
    return value;
  }

  /** An empty field is null; otherwise a whole number within the bounds. */
  optionalInt(name: string, min: number, max: number): number | null {
    const value = this.raw(name).trim();
    this.values[name] = value;
    if (value === '') return null;
    const n = /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.fail(name, 'form.integer', { min, max });
      return null;
    }
    return n;
  }

  int(name: string, min: number, max: number): number {
    const n = this.optionalInt(name, min, max);
    if (n === null && !this.errors[name]) this.fail(name, 'form.required');
    return n ?? min;
  }

  choice<T extends string>(name: string, options: readonly T[]): T {
    const value = this.raw(name).trim();
    this.values[name] = value;
    if (!(options as readonly string[]).includes(value)) this.fail(name, 'form.choice');
    return value as T;
  }

  checkbox(name: string): boolean {
    const value = this.body[name];
    const on = value !== undefined && value !== '' && value !== null;
    this.values[name] = on ? 'on' : '';
    return on;
  }

  /** An optional https:// link. */
  optionalHttpsUrl(name: string, max = 2000): string | null {
    const value = this.raw(name).trim();
    this.values[name] = value;
    if (value === '') return null;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || !url.hostname.includes('.') || /\s/.test(value) || value.length > max) {
      this.fail(name, 'form.httpsUrl');
      return null;
    }
    return value;
  }

  /** Comma-separated competency codes, lower-cased, each like "ethics" or "public-procurement". */
  competencyCodes(name: string, maxCount = 30): string[] {
    const value = this.raw(name).trim();
    this.values[name] = value;
    const codes = [...new Set(value.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean))];
    const bad = codes.filter((c) => !COMPETENCY_CODE.test(c));
    if (value.length > 2000 || codes.length > maxCount) this.fail(name, 'form.codesCount', { max: maxCount });
    else if (bad.length) this.fail(name, 'form.codes', { codes: bad.slice(0, 3).join(', ') });
    return codes;
  }

  fail(name: string, key: string, values: Record<string, string | number> = {}): void {
    this.errors[name] ??= translate(this.lang, key, values);
  }
}
