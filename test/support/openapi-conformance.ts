// Checks every API response the end-to-end suite receives against the OpenAPI document the server
// publishes, so the document cannot drift from what the routes really answer. A response must be
// documented for its status; a JSON body must match the documented schema, read strictly: an object
// with listed properties may carry no others, so an undocumented field fails as much as a wrong one.
// Validation is ajv's (independent of @nestjs/swagger, which wrote the document).
import { appendFileSync } from 'node:fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal characters in the template: the more, the more particular the match. */
  weight: number;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: unknown;
  text: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export class ResponseConformance {
  private readonly operations: Operation[] = [];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: { paths: Record<string, Record<string, unknown>>; components?: Record<string, unknown> }) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'openapi', components: rebase(strictComponents(document.components ?? {})) });
    for (const [template, item] of Object.entries(document.paths))
      for (const method of HTTP_METHODS) {
        const operation = item[method] as Operation['responses'] | undefined;
        if (!operation) continue;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
          weight: template.replace(/\{[^}]+\}/g, '').length,
          responses: (operation as { responses: Operation['responses'] }).responses,
        });
      }
  }

  /** What is wrong with this response, or undefined when it is as documented (or not an API route). */
  check(response: RecordedResponse): string | undefined {
    const path = response.path.split('?')[0];
    if (!path.startsWith('/api/v1/') || response.method === 'HEAD' || response.method === 'OPTIONS') return undefined;
    const operation = this.operations
      .filter((o) => o.method === response.method && o.pattern.test(path))
      .sort((a, b) => b.weight - a.weight)[0];
    if (!operation) return undefined; // not a documented route (a 404 or 405 for an unknown path or method)
    const where = `${operation.method} ${operation.template} → ${response.status}`;
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find(
      (key) => operation.responses[key],
    );
    if (!statusKey) return `${where}: this status is not documented (${summary(response)})`;
    const documented = operation.responses[statusKey].content;
    const mediaType = response.contentType.split(';')[0].trim().toLowerCase();
    const hasBody = response.text.length > 0 && response.status !== 204;
    if (!documented) return hasBody ? `${where}: answers a ${mediaType} body, documented as none` : undefined;
    if (!hasBody) return undefined;
    const media = documented[mediaType] ?? documented['*/*'];
    if (!media) return `${where}: answers ${mediaType}, documented as ${Object.keys(documented).join(', ')}`;
    if (!media.schema || !/json/.test(mediaType)) return undefined;
    const validate = this.validator(operation, statusKey, mediaType, media.schema);
    if (validate(response.body)) return undefined;
    const errors = this.ajv.errorsText(validate.errors, { dataVar: 'body', separator: '; ' });
    return `${where}: the body does not match the documented schema: ${errors.slice(0, 1200)}`;
  }

  private validator(operation: Operation, status: string, mediaType: string, schema: unknown): ValidateFunction {
    const key = `${operation.method} ${operation.template} ${status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(strict(rebase(schema)) as object)));
    return validate;
  }
}

/** Where conformance problems go: thrown at once, or (OPENAPI_CONFORMANCE=collect) listed in a file. */
export function reportConformance(problem: string | undefined): void {
  if (!problem) return;
  const file = process.env.OPENAPI_CONFORMANCE_LOG;
  if (process.env.OPENAPI_CONFORMANCE === 'collect' && file) {
    const test = expect.getState();
    appendFileSync(file, JSON.stringify({ problem, file: test.testPath, test: test.currentTestName }) + '\n');
    return;
  }
  throw new Error(`The response differs from the OpenAPI document: ${problem}`);
}

function summary(response: RecordedResponse): string {
  return `${response.contentType || 'no content type'}: ${response.text.slice(0, 300)}`;
}

/** Schema references point into the document; here they point into the schema added as "openapi". */
function rebase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebase);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/') ? `openapi${inner}` : rebase(inner),
    ]),
  );
}

/** An object schema that lists its properties admits no others unless it says so (composed ones aside). */
function strict(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = { ...(schema as Record<string, unknown>) };
  const each = (map: unknown) =>
    Object.fromEntries(Object.entries(map as Record<string, unknown>).map(([k, v]) => [k, strict(v)]));
  if (s.properties) s.properties = each(s.properties);
  if (s.items) s.items = strict(s.items);
  if (typeof s.additionalProperties === 'object') s.additionalProperties = strict(s.additionalProperties);
  for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(s[key])) s[key] = (s[key] as unknown[]).map(strict);
  if (s.properties && !('additionalProperties' in s) && !s.allOf && !s.oneOf && !s.anyOf)
    s.additionalProperties = false;
  // @nestjs/swagger writes a nullable reference as { nullable: true, allOf: [{ $ref }] }. OpenAPI 3.0.3
  // lets nullable apply only beside a type, but generators and viewers read it as "or null": so do we.
  if (s.nullable === true && !s.type && (s.allOf || s.oneOf || s.anyOf)) {
    const { nullable: _nullable, ...rest } = s;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return s;
}

/** The document's components with each schema made strict. */
function strictComponents(components: Record<string, unknown>): Record<string, unknown> {
  const schemas = (components.schemas ?? {}) as Record<string, unknown>;
  return { ...components, schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, strict(v)])) };
}
