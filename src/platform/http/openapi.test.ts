// The OpenAPI document as a product: valid, every operation documented (id, summary, description,
// roles, errors, examples), examples valid against their own schemas, and docs/openapi.json current.
import fs from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

type Json = Record<string, any>;
type Op = { name: string; method: string; path: string; op: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = (doc: Json): Op[] =>
  Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      name: `${item[method].operationId ?? '(no operationId)'} (${method.toUpperCase()} ${path})`,
      method,
      path,
      op: item[method],
    })),
  );

/** What an operation lacks, each as "<operation>: <what>". */
function gaps({ name, method, path, op }: Op): string[] {
  const out: string[] = [];
  const lack = (what: string) => out.push(`${name}: ${what}`);
  if (!op.operationId) lack('no operationId');
  else if (!/^[a-z]+[A-Z][A-Za-z0-9]*$/.test(op.operationId)) lack('operationId is not verbNoun camelCase');
  if (!op.summary?.trim()) lack('no summary');
  if (!op.description?.trim()) lack('no description');
  if (!Array.isArray(op['x-roles'])) lack('no x-roles');
  else if (op['x-roles'].length === 0 && !(Array.isArray(op.security) && op.security.length === 0))
    lack('no roles and not public');
  else if (op['x-roles'].length > 0 && !op.description?.includes(`Roles: ${op['x-roles'].join(', ')}.`))
    lack('description does not name the roles');
  const statuses = Object.keys(op.responses ?? {});
  if (!statuses.some((s) => s.startsWith('4'))) lack('no error response');
  for (const s of statuses.filter((x) => /^[45]/.test(x))) {
    if (!op.responses[s].content?.['application/problem+json']) lack(`error ${s} is not problem+json`);
  }
  if (op['x-roles']?.length > 0 && !statuses.includes('401')) lack('no 401');
  if (op.requestBody && !statuses.includes('400')) lack('no 400 for a request body');
  if (/\{\w+\}/.test(path) && !statuses.includes('404')) lack('no 404 for a path parameter');
  if (method === 'post' && !op.parameters?.some((p: Json) => p.$ref?.endsWith('/IdempotencyKey')))
    lack('no Idempotency-Key parameter');
  const body = op.requestBody?.content?.['application/json'];
  if (body && body.example === undefined) lack('no request body example');
  for (const s of statuses.filter((x) => x.startsWith('2'))) {
    const json = op.responses[s].content?.['application/json'];
    if (json && json.example === undefined) lack(`no example of the ${s} answer`);
  }
  return out;
}

/** OpenAPI 3.0 writes `exclusiveMinimum: true` beside `minimum` (draft 4); Ajv reads draft 7's number form. */
function toDraft7(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft7);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, toDraft7(v)]));
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag]) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  }
  return out;
}

/** Every example that does not match its schema (the document dereferenced), as "<operation>: <where>: <why>". */
function invalidExamples(derefed: Json): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const out: string[] = [];
  const check = (name: string, where: string, media: Json | undefined) => {
    if (!media?.schema || media.example === undefined) return;
    const validate = ajv.compile(toDraft7(media.schema) as Json);
    if (!validate(media.example))
      out.push(`${name}: ${where}: ${ajv.errorsText(validate.errors, { dataVar: 'example' })}`);
  };
  for (const { name, op } of operations(derefed)) {
    check(name, 'request body', op.requestBody?.content?.['application/json']);
    for (const [status, res] of Object.entries(op.responses as Json))
      if (status.startsWith('2'))
        check(name, `${status} answer`, (res as Json).content?.['application/json']);
  }
  return out;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Json;
  let derefed: Json;
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.request(null, 'GET', '/api/docs/json');
    expect(res.status).toBe(200);
    doc = res.body;
    derefed = (await SwaggerParser.dereference(structuredClone(doc) as never)) as Json;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is valid OpenAPI 3.0.3 by swagger-parser', async () => {
    expect(doc.openapi).toBe('3.0.3');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('documents every operation: operationId, summary, description, roles, errors and examples', () => {
    expect(operations(doc).length).toBeGreaterThan(100);
    expect(operations(doc).flatMap(gaps)).toEqual([]);
  });

  it('gives every operation a unique operationId', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { name, op } of operations(doc)) {
      if (seen.has(op.operationId)) duplicates.push(`${name} repeats ${seen.get(op.operationId)}`);
      seen.set(op.operationId, name);
    }
    expect(duplicates).toEqual([]);
  });

  it('has request and answer examples that match their own schemas', () => {
    expect(invalidExamples(derefed)).toEqual([]);
  });

  it('fails an example that does not match its schema, naming the operation', () => {
    const broken = structuredClone(derefed);
    const media = broken.paths['/api/v1/customers'].post.requestBody.content['application/json'];
    media.example = { ...media.example, email: 42 };
    expect(invalidExamples(broken)).toEqual([
      expect.stringMatching(/^createCustomer \(POST \/api\/v1\/customers\): request body: /),
    ]);
    const answer = broken.paths['/api/v1/customers/{id}'].get.responses['200'].content['application/json'];
    delete answer.example.id;
    expect(invalidExamples(broken)).toHaveLength(2);
  });

  it('names the roles of the route config, so they cannot drift', () => {
    const mismatched = operations(doc).filter(({ method, path, op }) => {
      const route = t.server.routeTable.find(
        (r) => r.method === method.toUpperCase() && r.url.replace(/:(\w+)/g, '{$1}') === path,
      );
      const roles = route?.roles === 'public' ? [] : route?.roles;
      return JSON.stringify(roles) !== JSON.stringify(op['x-roles']);
    });
    expect(mismatched.map((o) => o.name)).toEqual([]);
  });

  it('asks a session-authenticated write for the CSRF header, and nothing of a public route', () => {
    const create = doc.paths['/api/v1/customers'].post;
    expect(create.security).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    expect(doc.components.securitySchemes.csrf).toMatchObject({ in: 'header', name: 'X-CSRF-Token' });
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(Object.keys(doc.paths['/api/v1/auth/login'].post.responses)).toContain('429');
  });

  it('introduces every tag an operation uses', () => {
    const declared = new Map((doc.tags as Json[]).map((tag) => [tag.name, tag.description]));
    const used = new Set(operations(doc).flatMap(({ op }) => op.tags ?? []));
    expect([...used].filter((tag) => !declared.get(tag)?.trim())).toEqual([]);
    expect(
      operations(doc)
        .filter(({ op }) => !op.tags?.length)
        .map((o) => o.name),
    ).toEqual([]);
  });

  it('is the checked-in docs/openapi.json (refresh it with `npm run openapi`)', () => {
    const checkedIn = JSON.parse(fs.readFileSync('docs/openapi.json', 'utf8'));
    expect(checkedIn).toEqual(doc);
  });
});
