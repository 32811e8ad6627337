// The one catalogue of errors a user can meet: stable code, HTTP status and title.
// Services throw AppError; the HTTP layer maps it once to application/problem+json.

export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  LOGIN_FAILED: { status: 401, title: 'E-mail or password is wrong' },
  LOGIN_LOCKED: { status: 429, title: 'Too many failed logins for this account; try again later' },
  SSO_NOT_CONFIGURED: { status: 409, title: 'Single sign-on is not set up' },
  SSO_FAILED: { status: 401, title: 'Single sign-on did not complete; please start again' },
  SSO_PROVIDER_UNAVAILABLE: { status: 502, title: 'The identity provider cannot be reached' },
  SSO_NO_ACCOUNT: { status: 403, title: 'There is no account for you, and single sign-on creates none' },
  SSO_NO_ROLE: { status: 403, title: 'Your identity provider grants you no role in Stammkunde' },
  SSO_USER_INACTIVE: { status: 403, title: 'Your account is deactivated' },
  FORBIDDEN: { status: 403, title: 'Your role does not allow this' },
  CSRF_TOKEN_INVALID: { status: 403, title: 'The CSRF token is missing or wrong' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key was used with a different request' },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    status: 409,
    title: 'A request with this idempotency key is still running; retry shortly',
  },
  DUPLICATE: { status: 409, title: 'Already exists' },
  UNPROCESSABLE: { status: 422, title: 'The request cannot be processed' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  IMPORT_REJECTED: { status: 422, title: 'The import contains invalid rows' },
  CURRENCY_MISMATCH: { status: 422, title: 'Currency differs from the company currency' },
  CUSTOMER_ERASED: { status: 410, title: 'The customer was erased' },
  CASE_STATE_INVALID: { status: 409, title: 'The case is not in a state that allows this' },
  CASE_INCOMPLETE: {
    status: 409,
    title: 'The case lacks parts it needs for this step (each missing part is named)',
  },
  GOODWILL_LIMIT_EXCEEDED: { status: 409, title: 'Goodwill above your empowerment limit needs approval' },
  GOODWILL_SELF_APPROVAL: { status: 403, title: 'Nobody approves goodwill they requested themselves' },
  TOKEN_INVALID: { status: 404, title: 'This link is not valid' },
  TOKEN_USED: { status: 410, title: 'This link was already used' },
  TOKEN_EXPIRED: { status: 410, title: 'This link has expired' },
  NO_CONSENT: { status: 409, title: 'No consent basis for contacting this customer' },
  CHURN_RUN_RUNNING: { status: 409, title: 'A churn scoring run is running; one run at a time' },
  PER_PERSON_HIDDEN: { status: 403, title: 'Per-person results are turned off for this company' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'The database is not reachable right now; try again shortly' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/**
 * A field at fault. `message` is English; with `key` (+ `params`) the problem details word it in the
 * reader's language through platform/i18n (an English message a namespace lists under `fieldErrors`
 * is worded so too).
 */
export type FieldError = { path: string; message: string; key?: string; params?: Record<string, unknown> };

/** A text key with parameters (platform/i18n), worded in the reader's language when the problem is sent. */
export type DetailText = { key: string; params?: Record<string, unknown> };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  /** The detail as a text key: the problem's `detail` is then worded in the reader's language. */
  readonly detailText?: DetailText;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; extra?: Record<string, unknown>; detailText?: DetailText } = {},
  ) {
    super(detail ?? errorCatalogue[code].title);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.errors = options.errors;
    this.extra = options.extra;
    this.detailText = options.detailText;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', `${what} ${id} does not exist`);

export const isNotFound = (err: unknown): boolean => err instanceof AppError && err.code === 'NOT_FOUND';

/**
 * For `.catch` after a getter that throws NOT_FOUND: "no such row" becomes null; every other error (a
 * lost connection, an aborted PostgreSQL transaction, a bug) propagates instead of passing for "none".
 */
export function nullIfNotFound(err: unknown): null {
  if (isNotFound(err)) return null;
  throw err;
}

/** For `.catch`: NOT_FOUND becomes the error `replace` makes (a 400 naming the field); others propagate. */
export function whenNotFound(replace: () => Error): (err: unknown) => never {
  return (err) => {
    throw isNotFound(err) ? replace() : err;
  };
}

export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { errors: [{ path, message }] });
