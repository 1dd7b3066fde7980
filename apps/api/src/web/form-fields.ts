// Reads an urlencoded form body (every value a string) into typed values, and puts a service's
// refusal of them into the page's language beside each field, so a page can be shown again with
// what was typed. The bounds are the service's (its input classes), never restated here.
import type { FastifyRequest } from 'fastify';
import { ValidationProblemException } from '@chadavkhi/platform';
import { Language, translate } from './i18n';

export type FieldErrors = Record<string, string>;

export function formBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

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

  text(
    name: string,
    { min = 0, max = Infinity, trim = true }: { min?: number; max?: number; trim?: boolean } = {},
  ): string {
    const value = trim ? this.raw(name).trim() : this.raw(name);
    this.values[name] = value;
    if (min > 0 && value.length === 0) this.fail(name, 'form.required');
    else if (value.length < min) this.fail(name, 'form.tooShort', { min });
    else if (value.length > max) this.fail(name, 'form.tooLong', { max });
    return value;
  }

  /** A whole number as typed; NaN when empty or not one, for the service to refuse in its own terms. */
  wholeNumber(name: string): number {
    return this.optionalWholeNumber(name) ?? NaN;
  }

  /** As wholeNumber, but an empty field is null ("none"). */
  optionalWholeNumber(name: string): number | null {
    const value = this.raw(name).trim();
    this.values[name] = value;
    if (value === '') return null;
    return /^-?\d+$/.test(value) ? Number(value) : NaN;
  }

  /** An optional link: null when empty; the service decides whether it is an acceptable one. */
  optionalLink(name: string): string | null {
    const value = this.raw(name).trim();
    this.values[name] = value;
    return value === '' ? null : value;
  }

  /** A comma-separated list, each item trimmed and lower-cased, without repeats or empties. */
  codeList(name: string): string[] {
    const value = this.raw(name).trim();
    this.values[name] = value;
    return [
      ...new Set(
        value
          .split(',')
          .map((c) => c.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
  }

  /**
   * A service's validation refusal put beside the fields it names (the first segment of each
   * problem's `errors[].field`), in the page's words: true if it was one, false for anything else.
   * A field the form does not show gets its words beside `fallback`. `under` names the input's
   * field the form's fields are inside (e.g. "question" for `question.prompt`), or says which form
   * field shows an input's field (e.g. `due.date` → "dueDate").
   */
  refusedBy(error: unknown, fallback: string, under?: string | ((field: string) => string)): boolean {
    if (!(error instanceof ValidationProblemException)) return false;
    const rules = [...error.rules].sort((a, b) => rulePriority(a.rule) - rulePriority(b.rule));
    for (const { field, rule, figures } of rules) {
      const name =
        typeof under === 'function'
          ? under(field)
          : (under && field.startsWith(`${under}.`) ? field.slice(under.length + 1) : field).split('.')[0];
      const [key, values] = this.values[name] === '' ? ['form.required', {}] : ruleWords(rule, figures);
      this.fail(name in this.values ? name : fallback, key, values);
    }
    return true;
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

  fail(name: string, key: string, values: Record<string, string | number> = {}): void {
    this.errors[name] ??= translate(this.lang, key, values);
  }
}

/** A type's refusal before a bound's: "not a whole number" says more than "at least 1" about "ten". */
const RULE_ORDER = [
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isIn',
  'isEnum',
  'isUrl',
  'matches',
];

function rulePriority(rule: string): number {
  const i = RULE_ORDER.indexOf(rule);
  return i === -1 ? RULE_ORDER.length : i;
}

/** The words for one broken rule (class-validator's name) with its figures, e.g. maxLength [200]. */
function ruleWords(rule: string, [figure]: unknown[]): [string, Record<string, string | number>] {
  const n = typeof figure === 'number' ? figure : undefined;
  switch (rule) {
    case 'isDefined':
    case 'isNotEmpty':
      return ['form.required', {}];
    case 'minLength':
    case 'arrayMinSize':
      return n === undefined || n <= 1 ? ['form.required', {}] : ['form.tooShort', { min: n }];
    case 'maxLength':
      return n === undefined ? ['form.invalid', {}] : ['form.tooLong', { max: n }];
    case 'min':
      return n === undefined ? ['form.invalid', {}] : ['form.tooSmall', { min: n }];
    case 'max':
      return n === undefined ? ['form.invalid', {}] : ['form.tooLarge', { max: n }];
    case 'arrayMaxSize':
      return n === undefined ? ['form.invalid', {}] : ['form.tooMany', { max: n }];
    case 'isInt':
      return ['form.wholeNumber', {}];
    case 'isIn':
    case 'isEnum':
      return ['form.choice', {}];
    case 'isUrl':
      return ['form.httpsUrl', {}];
    case 'isEmail':
      return ['form.email', {}];
    case 'matches':
      return ['form.format', {}];
    default:
      return ['form.invalid', {}];
  }
}

/** A summary of a form's errors that links to each field (ids are `${prefix}-${field}`); undefined when none. */
export function errorList(prefix: string, errors: FieldErrors | undefined) {
  const list = Object.entries(errors ?? {}).map(([field, message]) => ({ href: `#${prefix}-${field}`, message }));
  return list.length ? list : undefined;
}
