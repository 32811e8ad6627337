// Maps every error to application/problem+json with a stable code and the fields at fault.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, errorCatalogue, type ErrorCode, type FieldError } from '../errors.js';
import { localizeFieldError } from '../i18n/field-errors.js';
import { t } from '../i18n/i18n.js';
import { localizeIssueMessage, type MessageLang, requestLang } from './reader-language.js';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [k: string]: unknown;
};

function problem(
  code: ErrorCode,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): Problem {
  const { status, title } = errorCatalogue[code];
  return {
    type: `https://stammkunde.dev/errors/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

function zodIssuesToErrors(issues: ZodError['issues'], lang: MessageLang, prefix?: string): FieldError[] {
  return issues.map((i) =>
    localizeFieldError(
      {
        path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
        message: localizeIssueMessage(i as never, lang),
      },
      lang,
    ),
  );
}

/**
 * The error as problem+json; the field messages in `lang`: Zod's own wording through Zod's locale,
 * ours through platform/i18n (a key, or an English message listed under a namespace's fieldErrors).
 */
export function toProblem(err: unknown, lang: MessageLang = 'en'): Problem {
  if (err instanceof AppError)
    return problem(
      err.code,
      err.detailText ? t(lang, err.detailText.key, err.detailText.params) : err.message,
      err.errors?.map((e) => localizeFieldError(e, lang)),
      err.extra,
    );
  if (err instanceof ZodError) {
    const errors = zodIssuesToErrors(err.issues, lang);
    return problem('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const where = fe.validationContext === 'body' ? undefined : fe.validationContext;
    const errors = fe.validation.map((v) => ({
      path:
        [
          where,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ]
          .filter(Boolean)
          .join('.') || '(root)',
      message: v.message
        ? localizeIssueMessage(
            { ...(v.params as Record<string, unknown>), code: v.keyword, message: v.message },
            lang,
          )
        : t(lang, 'platform:validation.invalid'),
    }));
    for (const e of errors) e.message = localizeFieldError(e, lang).message;
    return problem('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  if (fe?.code === 'FST_ERR_BAD_URL' || fe?.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message = t(
      lang,
      fe.code === 'FST_ERR_BAD_URL' ? 'platform:validation.badUrl' : 'platform:validation.urlTooLong',
    );
    return {
      ...problem('VALIDATION_FAILED', message, [{ path: '(url)', message }]),
      status: fe.statusCode ?? 400,
    };
  }
  if (fe?.statusCode === 429) return problem('RATE_LIMITED', fe.message);
  if (fe?.statusCode === 415 || fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem('VALIDATION_FAILED', fe.message, [{ path: '(body)', message: fe.message }]);
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      ...problem('VALIDATION_FAILED', fe.message, [{ path: '(request)', message: fe.message }]),
      status: fe.statusCode,
    };
  }
  if (isDatabaseUnavailable(err))
    return problem('SERVICE_UNAVAILABLE', errorCatalogue.SERVICE_UNAVAILABLE.title);
  return problem('INTERNAL', 'An internal error occurred');
}

/** Seconds a client should wait before retrying a 503 (the pool reconnects on the next request). */
export const RETRY_AFTER_SECONDS = 5;

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.code(p.status).type('application/problem+json').send(p);
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const p = toProblem(err, requestLang(req.headers['accept-language']));
  if (typeof p.retryAfterSeconds === 'number') reply.header('retry-after', String(p.retryAfterSeconds));
  if (p.code === 'SERVICE_UNAVAILABLE') {
    req.log.warn({ err }, 'database unavailable');
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  } else if (p.status >= 500) req.log.error({ err }, 'request failed');
  return sendProblem(reply, p);
}
