// The bad values the write-route fuzz (test/fuzz.test.ts) puts into fields, path ids and bodies:
// fast-check arbitraries, chosen by the field's JSON Schema so that every field gets what it does
// not expect. `Raw` is JSON text put in as it is (numbers JSON.stringify cannot write, deep nesting).
import fc from 'fast-check';

export type JsonSchema = {
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
};

/** JSON text that goes into the body as it is. */
export class Raw {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold Raw parts; undefined members are left out. */
export function jsonText(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : jsonText(x))).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export const HUGE_LENGTH = 100 * 1024;

/** A 100 kB string of one character (ASCII, umlaut, emoji, NUL, space). */
export const hugeString = fc
  .constantFrom('a', 'ü', '😀', '\u0000', ' ', '9')
  .map((c) => c.repeat(Math.ceil(HUGE_LENGTH / c.length)));

/** Text with control characters, NUL bytes, lone surrogates, direction marks and injection attempts. */
export const weirdString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u0000'.repeat(16),
    '\ud800',
    'x\udfffy',
    '\uffff\ufffe',
    '\ufeffBOM',
    '\u202eevil',
    '\u200b',
    '\r\n\r\n',
    '\t\v\f\b',
    '\u001b[31mred',
    '😀👍🏽',
    'Z̤͔ͧ̑̓ä̴',
    "'; drop table customers; --",
    '<script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
    '{{7*7}}${7*7}',
    '%s%n%x',
    '../../etc/passwd',
    ' ',
    '',
    'null',
    'NaN',
    '=1+1',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** Numbers out of any sensible range, floats for integers, and number spellings JSON cannot hold. */
export function outOfRange(schema: JsonSchema) {
  const edges: unknown[] = [
    -1,
    -2_147_483_649,
    2_147_483_648,
    2 ** 53 + 2,
    2 ** 63,
    1e21,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    0.5,
    1.5,
    -0.000001,
    new Raw('1e309'),
    new Raw('-1e309'),
    new Raw('123456789012345678901234567890'),
    new Raw('1E-400'),
    new Raw('-0'),
  ];
  if (typeof schema.maximum === 'number') edges.push(schema.maximum + 1, schema.maximum + 0.5);
  if (typeof schema.minimum === 'number') edges.push(schema.minimum - 1, schema.minimum - 0.5);
  return fc.oneof(fc.constantFrom(...edges), fc.double(), fc.integer({ min: -(2 ** 31), max: -1 }));
}

/** Dates and instants that are not, or not real, or out of JavaScript's range. */
export const invalidDate = fc.oneof(
  fc.constantFrom(
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-02T25:00:00Z',
    '2026-03-02T10:00:00+25:00',
    '0000-00-00T00:00:00Z',
    '2026-03-02',
    '2026-03-02T10:00',
    '02.03.2026',
    'yesterday',
    '',
    '275760-09-13T00:00:00.001Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999999Z',
    '0001-01-01T00:00:00Z',
    '2026-03-02T10:00:00.000Z\u0000',
  ),
  fc.integer().map((n) => n),
  fc.string({ maxLength: 30 }),
);

/** A value of the wrong JSON type for the schema. */
export function wrongType(schema: JsonSchema) {
  const any = [
    fc.integer(),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constant(['x']),
    fc.constant({ $gt: '' }),
  ];
  const nul = schema.nullable ? [] : [fc.constant(null)];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.constantFrom('12', '1e3', 'NaN', 'Infinity', '-0', '0x10', '', ' 1', '1,5'),
        fc.boolean(),
        fc.constant([1]),
        fc.constant({}),
        ...nul,
      );
    case 'boolean':
      return fc.oneof(
        fc.constantFrom('true', 'false', 1, 0, 'yes', ''),
        fc.constant([]),
        fc.constant({}),
        ...nul,
      );
    case 'array':
      return fc.oneof(
        fc.constantFrom('a,b', 1, {}, { 0: 'a' }),
        fc.constant([null]),
        fc.constant([[]]),
        fc.constant([{}]),
        fc.constant([1, 2]),
        ...nul,
      );
    case 'object':
      return fc.oneof(fc.constantFrom('x', 1, true, [], [{}]), ...nul);
    default:
      return fc.oneof(...any, fc.double(), ...nul);
  }
}

/** Nesting `depth` levels deep, as JSON text (objects or arrays). */
export const deepNest = fc
  .tuple(fc.constantFrom(64, 1_000, 10_000), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? new Raw(`${'['.repeat(depth)}1${']'.repeat(depth)}`)
      : new Raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

/** Whatever may come in JSON: the default fast-check JSON values plus the odd ones above. */
export const anyValue = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: weirdString, weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: deepNest, weight: 1 },
  { arbitrary: invalidDate, weight: 1 },
  { arbitrary: outOfRange({}), weight: 1 },
);

/** A field's bad value, by its schema. */
export function badValueFor(schema: JsonSchema) {
  const arbs = [
    { arbitrary: wrongType(schema), weight: 4 },
    { arbitrary: weirdString, weight: 2 },
    { arbitrary: hugeString, weight: 1 },
    { arbitrary: deepNest, weight: 1 },
  ];
  if (schema.type === 'integer' || schema.type === 'number')
    arbs.push({ arbitrary: outOfRange(schema) as never, weight: 5 });
  if (schema.format === 'date-time' || schema.format === 'date')
    arbs.push({ arbitrary: invalidDate as never, weight: 5 });
  if (schema.type === 'string')
    arbs.push(
      { arbitrary: weirdString, weight: 3 },
      { arbitrary: fc.constantFrom('', ' ', 'a\u0000b') as never, weight: 3 },
    );
  return fc.oneof(...arbs);
}

/** Path ids that do not exist (well-formed, another kind's) or are malformed, URL-encoded as sent. */
export function badPathId(real: string | undefined, otherKinds: string[]) {
  const prefix = /^([a-z]+_)/.exec(real ?? '')?.[1] ?? 'x_';
  return fc.oneof(
    fc.constantFrom(
      `${prefix}01JNQ40C2M8E5F7H9K3N6P4R2T`,
      `${prefix}00000000000000000000000000`,
      '0',
      '-1',
      '1e309',
      'null',
      'undefined',
      '..',
      '%2E%2E%2F',
      '%00',
      '%ZZ',
      '%',
      '%C0%AF',
      '%F0%9F%98%80',
      encodeURIComponent("' or '1'='1"),
      encodeURIComponent('ü'),
      'a'.repeat(5_000),
      '%20',
    ),
    ...(otherKinds.length ? [fc.constantFrom(...otherKinds)] : []),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  );
}
