// The public survey pages at /s/<token>: no login, rate-limited, HTML only. A GET never records
// anything (e-mail scanners follow links); only a POSTed form with the page's nonce does.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import { messagePage, neutralPage, objectionPage, pageHeaders, surveyPage } from './public-page.html.js';
import { validateAnswerForm } from './survey-answer-form.js';
import { answerSurvey } from './survey-answers.service.js';
import { issueNonce, verifyNonce } from './survey-nonce.js';
import { objectToSurveys } from './survey-objection.service.js';
import { findSurveyByToken } from './survey-tokens.service.js';
import { SCALE_RANGE } from './surveys.schema.js';
import { texts } from './texts/index.js';

type TokenReq = FastifyRequest<{
  Params: { token: string };
  Querystring: Record<string, string | undefined>;
  Body: Record<string, unknown> | undefined;
}>;

/** Per client address: far above what a customer needs, far below what enumeration would need. */
export const PUBLIC_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };
const routeConfig = { roles: 'public' as const, rateLimit: PUBLIC_RATE_LIMIT };

function send(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).headers(pageHeaders).send(html);
}

export const surveysPublicRoutes: FastifyPluginAsync = async (app) => {
  // RFC 8058 one-click objections may arrive as multipart/form-data; only that one field matters.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_req, body, done) => {
      const oneClick = /name="?List-Unsubscribe"?\s*\r?\n\r?\n\s*One-Click/i.test(String(body));
      done(null, oneClick ? { 'List-Unsubscribe': 'One-Click' } : {});
    },
  );
  const route = { config: routeConfig, schema: { hide: true } };
  app.get('/s/:token', route, showQuestion);
  app.post('/s/:token', route, recordAnswer);
  app.get('/s/:token/objection', route, showObjection);
  app.post('/s/:token/objection', route, recordObjection);
};

const formOf = (req: TokenReq) =>
  (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;

const alreadyAnswered = (reply: FastifyReply, locale: 'de' | 'en') =>
  send(reply, 410, messagePage(locale, texts(locale).page.usedTitle, texts(locale).page.usedText));

/** GET /s/<token>: the question page. */
async function showQuestion(req: TokenReq, reply: FastifyReply) {
  const survey = await findSurveyByToken(req.ctx(), req.params.token);
  if (!survey || survey.expired) return send(reply, 404, neutralPage());
  if (survey.answered) return alreadyAnswered(reply, survey.locale);
  // A ?score= from the e-mail only pre-selects the value; nothing is recorded by a GET.
  const range = SCALE_RANGE[survey.scale];
  const pre = Number(req.query.score);
  const score =
    range && /^\d{1,2}$/.test(req.query.score ?? '') && pre >= range[0] && pre <= range[1] ? pre : null;
  return send(reply, 200, surveyPage(req.params.token, survey, issueNonce(req.ctx(), survey), { score }));
}

/** POST /s/<token>: records the answer when the nonce and the form are valid, else shows the form again. */
async function recordAnswer(req: TokenReq, reply: FastifyReply) {
  const ctx = req.ctx();
  const survey = await findSurveyByToken(ctx, req.params.token);
  if (!survey || survey.expired) return send(reply, 404, neutralPage());
  const t = texts(survey.locale);
  if (survey.answered) return alreadyAnswered(reply, survey.locale);
  const body = formOf(req);
  const checked = validateAnswerForm(survey, body);
  const keep = checked.ok
    ? checked
    : { score: null, reason: null, comment: typeof body.comment === 'string' ? body.comment : null };
  const formAgain = (errors: Array<{ path: string; message: string }>) =>
    send(reply, 400, surveyPage(req.params.token, survey, issueNonce(ctx, survey), { ...keep, errors }));
  if (!verifyNonce(ctx, survey, body.nonce)) return formAgain([{ path: 'nonce', message: t.page.errorForm }]);
  if (!checked.ok) return formAgain(checked.errors);
  try {
    await answerSurvey(ctx, req.params.token, checked);
  } catch (err) {
    if (err instanceof AppError && err.code === 'TOKEN_USED') return alreadyAnswered(reply, survey.locale);
    if (err instanceof AppError && err.code === 'TOKEN_INVALID') return send(reply, 404, neutralPage());
    throw err;
  }
  return send(reply, 200, messagePage(survey.locale, t.page.thanksTitle, t.page.thanksText));
}

/** GET /s/<token>/objection: only a confirm button (works on answered and expired links too). */
async function showObjection(req: TokenReq, reply: FastifyReply) {
  const survey = await findSurveyByToken(req.ctx(), req.params.token);
  if (!survey) return send(reply, 404, neutralPage());
  return send(reply, 200, objectionPage(req.params.token, survey.locale, issueNonce(req.ctx(), survey)));
}

/** POST /s/<token>/objection: with the page's nonce, or as an RFC 8058 one-click body without one. */
async function recordObjection(req: TokenReq, reply: FastifyReply) {
  const ctx = req.ctx();
  const survey = await findSurveyByToken(ctx, req.params.token);
  if (!survey) return send(reply, 404, neutralPage());
  const body = formOf(req);
  const oneClick = body['List-Unsubscribe'] === 'One-Click';
  if (!oneClick && !verifyNonce(ctx, survey, body.nonce)) {
    return send(reply, 400, objectionPage(req.params.token, survey.locale, issueNonce(ctx, survey)));
  }
  await objectToSurveys(
    ctx,
    req.params.token,
    oneClick ? 'survey e-mail one-click (RFC 8058)' : 'survey objection page',
  );
  const t = texts(survey.locale);
  return send(reply, 200, messagePage(survey.locale, t.page.objectionDoneTitle, t.page.objectionDoneText));
}
