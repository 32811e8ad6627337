// doc(): what a route writes by hand for the OpenAPI document, spread into its `schema`. Everything the
// route's config already says (roles, security, 400/401/403/404, Idempotency-Key, 429) is derived in
// openapi.ts, so it cannot drift from what the server does.
import type { ErrorCode } from '../errors.js';

/** A document-level tag (DomainModule.apiTags): one per area of the API, with a short introduction. */
export type ApiTag = { name: string; description: string };

/** The hand-written part of an operation's documentation. */
export type RouteDoc = {
  /** operationId: unique, verbNoun camelCase (listCases, getCase, resolveCase, importPurchases). */
  id: string;
  /** One line, imperative, no full stop: "List the open cases". */
  summary: string;
  /**
   * Plain words: what it does and its side effects (jobs or mails queued, events, audit). The roles
   * sentence and the Idempotency-Key sentence are appended automatically.
   */
  description: string;
  /**
   * Codes from the error catalogue that the services behind this route throw, beyond the derived
   * ones (VALIDATION_FAILED with input, UNAUTHENTICATED/FORBIDDEN/CSRF_TOKEN_INVALID unless public,
   * NOT_FOUND with a path parameter, IDEMPOTENCY_KEY_REUSED on POST, RATE_LIMITED with a rate limit).
   */
  errors?: ErrorCode[];
  /** An example request body (JSON); checked against the body schema by the OpenAPI test. */
  body?: unknown;
  /** An example of the 2xx JSON answer (used for every 2xx status); checked against its schema. */
  response?: unknown;
  /** The route answers 204 without a body (it declares no response schema). */
  noContent?: boolean;
  /** The route answers a file of this media type (a download without a response schema). */
  file?: string;
};

/** The parts of RouteDoc that are not OpenAPI keywords; openapi.ts consumes and removes them. */
export type RouteDocExtras = Pick<RouteDoc, 'errors' | 'body' | 'response' | 'noContent' | 'file'>;

declare module 'fastify' {
  interface FastifySchema {
    /** Set by doc(); read by the OpenAPI transform (openapi.ts), never by request handling. */
    'x-doc'?: RouteDocExtras;
  }
}

/**
 * The documentation of one route, to spread into its schema:
 * `schema: { tags, body, response, ...doc({ id: 'getCase', summary: 'Read one case', description: '…' }) }`.
 */
export function doc(d: RouteDoc) {
  const { id, summary, description, ...extras } = d;
  return { operationId: id, summary, description, 'x-doc': extras };
}

/** The example of a list answer `{ items, nextCursor }` with the given items. */
export const pageExample = <T>(...items: T[]) => ({ items, nextCursor: null });
