// The OpenAPI document the server publishes at /api/docs-json. Built from the controllers'
// decorators, then completed with what holds for every operation alike: each error answers RFC 9457
// application/problem+json, so every operation documents its 4XX and 5XX answers with that schema.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

type SchemaObject = NonNullable<OpenAPIObject['components']>['schemas'] extends Record<string, infer S> | undefined
  ? Exclude<S, { $ref: string }>
  : never;
type ResponseObject = { description: string; content?: Record<string, unknown> };

const PROBLEM = 'application/problem+json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** RFC 9457 §3: the members every problem has here, and room for the extension members it allows. */
const problemSchema: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'A URI naming the kind of problem; about:blank when the status says it all' },
    title: { type: 'string', description: 'A short summary of the kind of problem' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong with this request, for a person to read' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'The fields of the request that broke a rule',
      items: {
        type: 'object',
        required: ['field', 'messages'],
        properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: true,
};

const problemContent = { [PROBLEM]: { schema: { $ref: '#/components/schemas/Problem' } } };

export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Chadavkhi API')
      .setDescription(
        'Capacity building for civil servants: training, knowledge sharing, certification and HR accountability. Errors are RFC 9457 application/problem+json.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      .addServer('/', 'This server')
      .addBearerAuth()
      .build(),
  );
  return withProblemResponses(document);
}

/**
 * Every error response an operation names gets the problem schema, and every operation gains 4XX and
 * 5XX answers (the errors any route can give: a malformed body, a refused token, an overloaded server).
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components };
  document.components.schemas = { ...document.components.schemas, Problem: problemSchema };
  for (const path of Object.values(document.paths))
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const responses = operation.responses as Record<string, ResponseObject>;
      for (const [status, response] of Object.entries(responses))
        if (/^[45]/.test(status) && !response.content) response.content = problemContent;
      responses['4XX'] ??= {
        description: 'The request was refused (RFC 9457 problem details)',
        content: problemContent,
      };
      responses['5XX'] ??= {
        description: 'The server could not answer (RFC 9457 problem details)',
        content: problemContent,
      };
    }
  return document;
}
