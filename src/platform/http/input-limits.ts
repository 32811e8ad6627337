// Limits on what a request may carry, checked before any route sees it:
// - JSON bodies nest at most MAX_JSON_DEPTH levels (Fastify's own parser, with its prototype-poisoning
//   checks, behind the limit): no API body is more than a few levels deep, while one nested thousands
//   of levels deep overflows the stack of whatever walks it (hashing, validation, logging);
// - no NUL character in path parameters, the query or the parsed body (see platform/nul-characters).
// Both answer 400 VALIDATION_FAILED naming the field.
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.js';
import { NUL_MESSAGE, nulPath } from '../nul-characters.js';

/** The deepest nesting of objects and arrays a JSON body may have. */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests objects/arrays deeper than `max` (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Installs the nesting limit on application/json bodies and the NUL check on every request. */
export function installInputLimits(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (jsonNestsDeeperThan(body as string, MAX_JSON_DEPTH))
      return done(invalid('(body)', `nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    parse(req, body as string, done);
  });
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['querystring', req.query],
      ['', req.body],
    ] as const) {
      const path = nulPath(value);
      if (path !== null) throw invalid([where, path].filter(Boolean).join('.') || '(body)', NUL_MESSAGE);
    }
  });
}
