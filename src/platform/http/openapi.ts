// The OpenAPI document (/api/docs/json, checked in as docs/openapi.json by `npm run openapi`).
// A route writes its own words with doc() (api-doc.ts); everything its config already says is derived
// here in one place: roles (x-roles and a sentence), security (bearer, or session + CSRF header for
// writes), the problem+json answers every route of its kind can give, Idempotency-Key on POST, 429
// with a rate limit. Paths and component schemas are sorted, so the document is the same on every run.
import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Role } from '../context.js';
import { type ErrorCode, errorCatalogue } from '../errors.js';
import type { ApiTag, RouteDocExtras } from './api-doc.js';
import { CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE } from './auth-hook.js';

const PROBLEM_REF = '#/components/schemas/Problem';

const INFO_DESCRIPTION = `Customer retention: customers, purchases, complaint cases, surveys, churn early warning and
win-back. Every path below is under \`/api/v1\`; JSON in camelCase, times ISO-8601 UTC, money in
integer minor units with an ISO currency code, lists as \`{ items, nextCursor }\` with \`?limit=\`
(default 50, max 500) and \`?cursor=\`.

## Authentication
- **API token** (integrations): send \`Authorization: Bearer sk_…\`. A token acts as the user who made it,
  with that user's role, until it expires or is revoked; a password or role change revokes it.
  Create one from a logged-in session with \`POST /api/v1/auth/tokens\` (\`{ "name": "ERP sync",
  "expiresInDays": 365 }\`): the answer shows the token once. Admins list and revoke any user's tokens
  under \`/api/v1/users/{id}/tokens\`.
- **Session** (the web app): \`POST /api/v1/auth/login\` sets the \`${SESSION_COOKIE}\` cookie and answers a
  \`csrfToken\`. Every write (POST, PUT, PATCH, DELETE) with the cookie must send it back in the
  \`${CSRF_HEADER}\` header; \`GET /api/v1/auth/me\` answers it again after a reload. Token-authenticated
  calls need no CSRF header.

## Roles
Each operation names the roles that may call it (\`x-roles\`, and a sentence in its description):
\`agent\`, \`manager\`, \`admin\`. Others get 403 \`FORBIDDEN\`; without credentials 401 \`UNAUTHENTICATED\`.

## Errors
Every error is \`application/problem+json\` with a stable \`code\` (listed per response) and, for
invalid input, \`errors: [{ path, message }]\` naming each field, worded in the \`Accept-Language\`
(de, en). While the database is unreachable any operation answers 503 \`SERVICE_UNAVAILABLE\` with
\`Retry-After\`.

## Retries
POST operations accept an \`Idempotency-Key\` header: the same key with the same body within 24 hours
answers the first result again (with \`Idempotent-Replayed: true\`) instead of acting twice. An error
answer (4xx, 5xx) is not kept: a retry after one runs again.

## Operation ids
Every operation has a stable \`operationId\` in verbNoun camelCase (\`listCases\`, \`getCase\`,
\`resolveCase\`, \`importPurchases\`) for generated clients; it does not change when a path is renamed.`;

const ROLE_WORDS = (roles: Role[]) => `Roles: ${roles.join(', ')}.`;

/** The swagger options: info, security schemes, tags and the two transforms. */
export function openapiOptions(tags: ApiTag[]): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Stammkunde API', version: '1', description: INFO_DESCRIPTION },
      tags: [...tags].sort((a, b) => a.name.localeCompare(b.name)),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token (`sk_…`), made with POST /api/v1/auth/tokens.',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The session cookie set by POST /api/v1/auth/login (the web app).',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: `The csrfToken from login or GET /api/v1/auth/me; needed with the session cookie on every write.`,
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: transformRoute,
    // jsonSchemaTransformObject adds the Zod schemas registered with an id (`.meta({ id })`) to
    // components.schemas: the webhook payloads, which no route answers directly.
    transformObject: (document) => {
      const doc = (document as { openapiObject: unknown }).openapiObject as OpenApiDoc;
      const { components } = jsonSchemaTransformObject(document) as unknown as OpenApiDoc;
      return finishDocument({ ...doc, components });
    },
  } as SwaggerOptions;
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type JsonSchema = Record<string, unknown>;

/** Per route: Zod to JSON Schema, then the derived parts (roles, security, errors, examples). */
function transformRoute(input: TransformInput) {
  const { schema, url } = jsonSchemaTransform(input);
  const raw = input.schema as { 'x-doc'?: RouteDocExtras } | undefined;
  if (!schema || (schema as JsonSchema).hide) return { schema, url };
  const route = input.route as {
    method: string | string[];
    config?: { roles?: unknown; rateLimit?: unknown };
  };
  const method = [route.method].flat()[0].toUpperCase();
  const out = { ...(schema as JsonSchema) };
  const extras = raw?.['x-doc'] ?? {};
  delete out['x-doc'];

  const roles = route.config?.roles;
  const isPublic = roles === 'public';
  const safe = SAFE_METHODS.has(method);
  if (Array.isArray(roles)) out['x-roles'] = roles;
  if (isPublic) {
    out['x-roles'] = [];
    out.security = [];
  } else if (!safe) {
    out.security = [{ bearer: [] }, { session: [], csrf: [] }];
  }

  const codes = new Set<ErrorCode>();
  if (out.body || out.querystring || out.headers) codes.add('VALIDATION_FAILED');
  if (!isPublic) {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
    if (!safe) codes.add('CSRF_TOKEN_INVALID');
  }
  if (/:\w/.test(url)) codes.add('NOT_FOUND');
  if (method === 'POST') {
    codes.add('IDEMPOTENCY_KEY_REUSED');
    codes.add('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  }
  if (route.config?.rateLimit) codes.add('RATE_LIMITED');
  for (const code of extras.errors ?? []) codes.add(code);
  out['x-error-codes'] = [...codes];

  if (typeof out.description === 'string') {
    const sentences = [out.description.trim()];
    sentences.push(isPublic ? 'Public: no authentication.' : Array.isArray(roles) ? ROLE_WORDS(roles) : '');
    if (method === 'POST') sentences.push('A retry with the same `Idempotency-Key` is answered once.');
    out.description = sentences.filter(Boolean).join('\n\n');
  }

  if (extras.body !== undefined && out.body)
    out.body = { ...(out.body as JsonSchema), examples: [extras.body] };
  if (extras.noContent) {
    out.response = { 204: { type: 'null', description: 'No content' } };
  } else if (extras.redirect) {
    out.response = {
      302: {
        type: 'null',
        description: extras.redirect,
        headers: { location: { type: 'string', description: 'Where the browser goes next' } },
      },
    };
  } else if (extras.file) {
    const json = extras.file.includes('json');
    const media: JsonSchema = { schema: json ? { type: 'object' } : { type: 'string', format: 'binary' } };
    if (extras.response !== undefined) media.example = extras.response;
    out.response = { 200: { description: `A download (${extras.file})`, content: { [extras.file]: media } } };
  } else if (out.response && (extras.response !== undefined || extras.responses !== undefined)) {
    const responses = { ...(out.response as Record<string, JsonSchema>) };
    for (const status of Object.keys(responses)) {
      const example = extras.responses?.[Number(status)] ?? extras.response;
      if (status.startsWith('2') && example !== undefined)
        responses[status] = { ...responses[status], examples: [example] };
    }
    out.response = responses;
  }
  return { schema: out, url };
}

type Operation = Record<string, unknown> & {
  responses: Record<string, unknown>;
  parameters?: unknown[];
  'x-error-codes'?: ErrorCode[];
};
type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas?: Record<string, unknown>; parameters?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
} & Record<string, unknown>;

/** An example problem+json answer for one code. */
function problemExample(code: ErrorCode) {
  const { status, title } = errorCatalogue[code];
  return {
    type: `https://stammkunde.dev/errors/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail: code === 'VALIDATION_FAILED' ? 'name: Required' : title,
    code,
    ...(code === 'VALIDATION_FAILED' ? { errors: [{ path: 'name', message: 'Required' }] } : {}),
  };
}

/** The problem+json answers of one operation, one per status, each naming its codes. */
function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const list = byStatus.get(status)!;
    responses[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${errorCatalogue[c].title}`).join('; '),
      'x-error-codes': list,
      content: {
        'application/problem+json': {
          schema: { $ref: PROBLEM_REF },
          examples: Object.fromEntries(list.map((c) => [c, { $ref: `#/components/examples/${c}` }])),
        },
      },
    };
  }
  return responses;
}

const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The whole document: error answers from each operation's codes, shared components, stable order. */
function finishDocument(doc: OpenApiDoc): OpenApiDoc {
  for (const operations of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const codes = op['x-error-codes'];
      delete op['x-error-codes'];
      if (codes) op.responses = { ...op.responses, ...errorResponses(codes) };
      if (method === 'post')
        op.parameters = [...(op.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
    }
  }
  doc.paths = sortKeys(doc.paths);
  doc.components = {
    ...doc.components,
    parameters: {
      ...doc.components.parameters,
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes a retry safe: the same key with the same body within 24 hours answers the first result again ' +
          '(header `Idempotent-Replayed: true`), also to a retry that arrives while the first request still runs (it waits ' +
          'up to 10 s, then 409 `IDEMPOTENCY_REQUEST_IN_PROGRESS` with Retry-After); the same key with another body ' +
          'answers 422 `IDEMPOTENCY_KEY_REUSED`. Error answers (4xx, 5xx) are not kept: a retry after one runs again.',
        schema: { type: 'string', maxLength: 200 },
        example: '3f1c2a9e-7b41-4d2c-9a55-0e8b6c1d2f10',
      },
    },
    schemas: sortKeys({ ...doc.components.schemas, Problem: problemSchema() }),
    examples: Object.fromEntries(
      (Object.keys(errorCatalogue) as ErrorCode[]).map((c) => [c, { summary: c, value: problemExample(c) }]),
    ),
  };
  return doc;
}

function problemSchema() {
  return {
    type: 'object',
    description: 'RFC 9457 problem details with the stable code of the error catalogue.',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', example: 'https://stammkunde.dev/errors/not-found' },
      title: { type: 'string', example: 'Not found' },
      status: { type: 'integer', example: 404 },
      detail: { type: 'string', example: 'Case cas_01JNQ3Z8R4Y6W2K5T7V9X1B3D5 does not exist' },
      code: { type: 'string', enum: Object.keys(errorCatalogue) },
      errors: {
        type: 'array',
        description: 'The fields at fault (invalid input), in the reader’s language.',
        items: {
          type: 'object',
          required: ['path', 'message'],
          properties: { path: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
    additionalProperties: true,
  };
}
