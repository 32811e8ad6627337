// The malformed requests of the write-route fuzz (test/fuzz.test.ts), per operation of the OpenAPI
// document: a valid base (the operation's example with real ids, real path ids) bent one or a few
// ways at a time: wrong types, missing required fields, extra fields, huge and odd strings, numbers
// out of range, invalid dates, deep nesting, arrays for objects, empty or broken bodies, wrong content
// types, and path ids that do not exist or are malformed.
import fc from 'fast-check';
import {
  anyValue,
  badPathId,
  badValueFor,
  deepNest,
  hugeString,
  type JsonSchema,
  jsonText,
  Raw,
  weirdString,
} from './fuzz-values.js';

/** One write operation as the fuzz sees it. */
export type FuzzOperation = {
  id: string;
  method: string;
  /** The OpenAPI path, `/api/v1/cases/{id}`. */
  template: string;
  roles: string[];
  /** `json`: a JSON body (maybe none declared); `upload`: an import file; `form`: an HTML form. */
  body: 'json' | 'upload' | 'form';
  schema?: JsonSchema;
  /** A body the route accepts, with real ids (or {} without an example). */
  base: unknown;
  /** Real values of the path parameters. */
  params: Record<string, string>;
  /** Query parameters the route declares. */
  query: string[];
  /** Fields of an upload (import columns) or a form. */
  columns?: string[];
};

/** One request to send. */
export type FuzzCase = {
  label: string;
  params: Record<string, string>;
  query: string;
  contentType: string | null;
  payload: string | Buffer | undefined;
  role: string | null;
  idempotencyKey?: string;
  acceptLanguage?: string;
};

type Path = Array<string | number>;
type Field = { path: Path; schema: JsonSchema };

/** Every field of a body schema, nested objects and the first element of arrays of objects included. */
export function fieldsOf(schema: JsonSchema | undefined, prefix: Path = []): Field[] {
  const out: Field[] = [];
  for (const [k, s] of Object.entries(schema?.properties ?? {})) {
    out.push({ path: [...prefix, k], schema: s });
    if (s.type === 'object' && s.properties) out.push(...fieldsOf(s, [...prefix, k]));
    if (s.type === 'array' && s.items?.type === 'object') out.push(...fieldsOf(s.items, [...prefix, k, 0]));
  }
  return out;
}

/** A deep copy of plain arrays and objects; Raw parts are kept as they are. */
const clone = <T>(v: T): T => {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v && typeof v === 'object' && !(v instanceof Raw))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
};

function setAt(body: unknown, path: Path, value: unknown): unknown {
  const root: any = body && typeof body === 'object' ? clone(body) : {};
  let at = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = path[i + 1];
    if (at[path[i]] === null || typeof at[path[i]] !== 'object')
      at[path[i]] = typeof next === 'number' ? [] : {};
    at = at[path[i]];
  }
  // defineProperty, so that a key named __proto__ is a key and not the prototype.
  Object.defineProperty(at, path[path.length - 1], {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return root;
}

function deleteAt(body: unknown, path: Path): unknown {
  const root: any = body && typeof body === 'object' ? clone(body) : {};
  let at = root;
  for (const k of path.slice(0, -1)) {
    if (!at || typeof at !== 'object') return root;
    at = at[k];
  }
  if (at && typeof at === 'object') delete at[path[path.length - 1]];
  return root;
}

const show = (p: Path) => p.join('.') || '(root)';
const cut = (v: unknown) => {
  const s = v instanceof Raw ? v.text : typeof v === 'string' ? JSON.stringify(v) : jsonText(v);
  return s.length > 60 ? `${s.slice(0, 60)}… (${s.length} chars)` : s;
};

type BodyEdit = { label: string; apply: (body: unknown) => unknown };

/** One change to a JSON body: a field gets a bad value, loses itself, or an extra field comes along. */
function bodyEdit(op: FuzzOperation): fc.Arbitrary<BodyEdit> {
  const fields = fieldsOf(op.schema);
  const required = fieldsOf(op.schema).filter(({ path }) => {
    let s: JsonSchema | undefined = op.schema;
    for (const k of path.slice(0, -1)) s = typeof k === 'number' ? s?.items : s?.properties?.[k];
    return s?.required?.includes(String(path[path.length - 1]));
  });
  const edits: Array<fc.WeightedArbitrary<BodyEdit>> = [
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom('extra', 'id', 'createdAt', 'status', 'role', 'deletedAt', '$where'),
            fc.string({ maxLength: 20 }),
          ),
          anyValue,
        )
        .map(([k, v]) => ({
          label: `extra field ${JSON.stringify(k)} = ${cut(v)}`,
          apply: (b) => setAt(b, [k], v),
        })),
    },
  ];
  if (fields.length) {
    edits.push({
      weight: 10,
      arbitrary: fc
        .constantFrom(...fields)
        .chain((f) => badValueFor(f.schema).map((v) => ({ f, v })))
        .map(({ f, v }) => ({ label: `${show(f.path)} = ${cut(v)}`, apply: (b) => setAt(b, f.path, v) })),
    });
    edits.push({
      weight: 1,
      arbitrary: fc.constantFrom(...fields.filter((f) => f.schema.type === 'object'), ...fields).map((f) => ({
        label: `${show(f.path)} = [ … ] (array for a value)`,
        apply: (b) => setAt(b, f.path, [op.base]),
      })),
    });
  }
  if (required.length)
    edits.push({
      weight: 3,
      arbitrary: fc
        .constantFrom(...required)
        .map((f) => ({ label: `without required ${show(f.path)}`, apply: (b) => deleteAt(b, f.path) })),
    });
  return fc.oneof(...edits);
}

/** One to three edits of the base body, sent as JSON. */
function jsonBody(op: FuzzOperation) {
  return fc.array(bodyEdit(op), { minLength: 1, maxLength: 3 }).map((edits) => ({
    label: edits.map((e) => e.label).join('; '),
    payload: jsonText(edits.reduce((body, e) => e.apply(body), op.base)),
    contentType: 'application/json',
  }));
}

/** Bodies that are not one: empty, null, scalars, an array, broken JSON, prototype keys, bad UTF-8. */
function brokenBody(op: FuzzOperation) {
  const text = jsonText(op.base ?? {});
  return fc.oneof(
    fc
      .constantFrom(
        undefined,
        '',
        'null',
        '[]',
        '""',
        '0',
        'true',
        '{}',
        `[${text}]`,
        '{"a":1,}',
        "{'a':1}",
        '{"a":NaN}',
        '{"a":undefined}',
        `\ufeff${text}`,
        `${text}garbage`,
        `${text}${text}`,
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        'Infinity',
        '{'.repeat(100_000),
      )
      .map((payload) => ({
        label: `body ${cut(payload ?? '(none)')}`,
        payload,
        contentType: 'application/json',
      })),
    fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => ({
      label: `body cut at ${n}`,
      payload: text.slice(0, n),
      contentType: 'application/json',
    })),
    fc.constant({
      label: 'body of invalid UTF-8',
      payload: Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
        Buffer.from('"}'),
      ]),
      contentType: 'application/json',
    }),
    deepNest.map((r) => ({ label: `body ${cut(r)}`, payload: r.text, contentType: 'application/json' })),
  );
}

/** The base body under another content type (or none). */
function wrongContentType(op: FuzzOperation) {
  const text = jsonText(op.base ?? {});
  const form = new URLSearchParams(
    Object.entries((op.base as Record<string, unknown>) ?? {}).map(([k, v]) => [k, String(v)]),
  ).toString();
  return fc
    .constantFrom(
      null,
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'application/json-patch+json',
      'text/csv',
      'application/octet-stream',
      'image/png',
    )
    .map((contentType) => ({
      label: `content type ${contentType ?? '(none)'}`,
      payload: contentType === 'application/x-www-form-urlencoded' ? form : text,
      contentType,
    }));
}

/** An import file: CSV or JSON with fuzzed cells, missing or unknown columns, broken quoting. */
function uploadBody(op: FuzzOperation) {
  const columns = op.columns ?? [];
  const cell = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom('', 'x', '1', '-1', '1.5', 'EUR', 'USD', '2026-03-02', 'sale', 'month'),
    },
    { weight: 3, arbitrary: weirdString },
    { weight: 1, arbitrary: hugeString },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '"',
        'a"b',
        '"a""',
        '\n',
        '=cmd|x',
        '1e309',
        '2026-02-30',
        '99999999999999999999',
      ),
    },
  );
  const header = fc.oneof(
    { weight: 4, arbitrary: fc.constant(columns) },
    { weight: 1, arbitrary: fc.subarray(columns) },
    { weight: 1, arbitrary: fc.constant([...columns, columns[0] ?? 'x']) },
    { weight: 1, arbitrary: fc.constant([...columns, 'unknown_column']) },
  );
  const rows = (n: number) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 4 });
  const csv = header.chain((h) =>
    rows(h.length).map((rs) => ({
      label: `CSV ${h.join(',')} with ${rs.length} rows`,
      payload: [h, ...rs].map((r) => r.join(',')).join('\n'),
      contentType: 'text/csv',
    })),
  );
  const json = header.chain((h) =>
    fc
      .tuple(
        fc.array(fc.array(fc.oneof(cell, anyValue), { minLength: h.length, maxLength: h.length }), {
          maxLength: 4,
        }),
        fc.boolean(),
      )
      .map(([rs, ndjson]) => {
        const objects = rs.map((r) => Object.fromEntries(h.map((c, i) => [c, r[i]])));
        return {
          label: `${ndjson ? 'NDJSON' : 'JSON'} ${h.join(',')} with ${rs.length} rows`,
          payload: ndjson ? objects.map(jsonText).join('\n') : jsonText(objects),
          contentType: ndjson ? 'application/x-ndjson' : 'application/json',
        };
      }),
  );
  const odd = fc.constantFrom(
    { label: 'empty file', payload: '', contentType: 'text/csv' },
    { label: 'NUL bytes', payload: '\u0000\u0000\u0000', contentType: 'text/csv' },
    { label: 'broken JSON array', payload: '[{"a":1},', contentType: 'application/json' },
    { label: 'JSON scalar', payload: '42', contentType: 'application/json' },
    { label: 'XML', payload: '<rows/>', contentType: 'application/xml' },
  );
  return fc.oneof(
    { weight: 4, arbitrary: csv },
    { weight: 3, arbitrary: json },
    { weight: 1, arbitrary: odd },
  );
}

/** A form post (public HTML pages): the valid form with fields changed or left out, URL-encoded or as JSON. */
function formBody(op: FuzzOperation) {
  const fields = op.columns ?? [];
  const value = fc.oneof(weirdString, hugeString, fc.constantFrom('', '1', '11', '-1', 'x', 'One-Click'));
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...fields, 'extra'), value, { minKeys: 1, maxKeys: 3 }),
      fc.subarray(fields, { maxLength: Math.min(2, fields.length) }),
      fc.boolean(),
    )
    .map(([changed, dropped, asJson]) => {
      const form: Record<string, string> = { ...(op.base as Record<string, string>), ...changed };
      for (const k of dropped) delete form[k];
      return {
        label: `form ${cut(changed)}${dropped.length ? ` without ${dropped.join(', ')}` : ''}${asJson ? ' as JSON' : ''}`,
        payload: asJson ? jsonText(form) : new URLSearchParams(form).toString(),
        contentType: asJson ? 'application/json' : 'application/x-www-form-urlencoded',
      };
    });
}

/** A query string: the declared parameters with bad values, or an unknown one. */
function badQuery(op: FuzzOperation) {
  const names = [...op.query, 'unknown'];
  return fc
    .array(
      fc.tuple(
        fc.constantFrom(...names),
        fc.constantFrom('', 'xml', 'maybe', '1', 'true', '%00', 'a'.repeat(3000)),
      ),
      {
        maxLength: 3,
      },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
}

/** The requests of one operation: mostly bad bodies with real path ids, some with bad path ids. */
export function fuzzCases(op: FuzzOperation, otherIds: string[]): fc.Arbitrary<FuzzCase> {
  const body = op.body === 'upload' ? uploadBody(op) : op.body === 'form' ? formBody(op) : jsonBody(op);
  const bodies = fc.oneof(
    { weight: 6, arbitrary: body },
    { weight: 2, arbitrary: brokenBody(op) },
    { weight: 1, arbitrary: wrongContentType(op) },
  );
  const paramNames = Object.keys(op.params);
  const params = paramNames.length
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant(op.params) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(...paramNames)
            .chain((name) => badPathId(op.params[name], otherIds).map((v) => ({ ...op.params, [name]: v }))),
        },
      )
    : fc.constant({});
  return fc
    .record({
      b: bodies,
      params,
      query: op.query.length ? fc.oneof(fc.constant(''), badQuery(op)) : fc.constant(''),
      role: op.roles.length ? fc.constantFrom(...op.roles) : fc.constant(null),
      idempotencyKey:
        op.method === 'POST'
          ? fc.option(
              fc.string({ unit: fc.constantFrom(...'abcdef0123456789-'), minLength: 1, maxLength: 300 }),
              { nil: undefined },
            )
          : fc.constant(undefined),
      acceptLanguage: fc.option(fc.constantFrom('de', 'en', 'fr', '*', 'de-CH,de;q=0.9', ''), {
        nil: undefined,
      }),
    })
    .map(({ b, params, query, role, idempotencyKey, acceptLanguage }) => ({
      label: [
        b.label,
        ...Object.entries(params)
          .filter(([k, v]) => op.params[k] !== v)
          .map(([k, v]) => `path ${k} = ${cut(v)}`),
        query,
      ]
        .filter(Boolean)
        .join('; '),
      params,
      query,
      contentType: b.contentType,
      payload: b.payload,
      role,
      idempotencyKey,
      acceptLanguage,
    }));
}
