// What a log line may carry: the request's method, path and query parameter names (never their
// values: a search for a customer's name or e-mail stays out of the log), and errors with every
// e-mail address masked (an SMTP rejection names the recipient). Health checks log at warn only.
import type { FastifyRequest } from 'fastify';

const EMAIL = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[a-z]{2,}/gi;

/** The text with every e-mail address replaced by `[e-mail]`. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '[e-mail]');
}

/** The URL's path and the names of its query parameters, without their values. */
export function urlForLog(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return `${url.slice(0, q)}?${[...new Set(names)].map((n) => `${n}=…`).join('&')}`;
}

function requestForLog(req: FastifyRequest) {
  return { method: req.method, url: urlForLog(req.url), remoteAddress: req.ip };
}

type LoggedError = { type: string; message: string; stack: string; [key: string]: unknown };

/** An error (or the message string a caller logged as `err`) with e-mail addresses masked. */
function errorForLog(err: unknown): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: maskEmails(String(err)), stack: '' };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  return {
    type: e.name,
    message: maskEmails(e.message),
    stack: maskEmails(e.stack ?? ''),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
  };
}

/** Fastify's logger options: level, an optional destination stream (tests capture it), serializers. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream) {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: { req: requestForLog, err: errorForLog },
  };
}

/** Route option for /healthz, /readyz and /metrics: polled every few seconds, logged only on trouble. */
export const QUIET_ROUTE = { logLevel: 'warn' as const };
