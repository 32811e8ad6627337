// The public complaint form (no login): GET /complaint renders it, POST /complaint files the case.
// Spam resistance without a third-party captcha: a honeypot field, a signed timestamp token
// (too fast or older than a day is refused) and a per-IP rate limit.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCustomer, findCustomerByEmail } from '../customers/customers.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { newToken } from '../platform/ids.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { createCase } from './case-intake.service.js';
import { type CaseTexts, escapeHtml, fill, type Lang, langOf, textsFor } from './cases.texts.js';

const SECRET_KEY = 'cases.complaintFormSecret';
const secretSchema = z.string().min(32);
/** Submissions faster than this after the form was rendered are treated as bots. */
export const MIN_FILL_MS = 3_000;
/** A form older than this must be reloaded. */
export const MAX_FORM_AGE_MS = 86_400_000;
const POINT_FIELDS = ['point1', 'point2', 'point3'] as const;

/** Creates the form-signing secret once (idempotent; called by the module seed). */
export async function ensureComplaintFormSecret(ctx: Ctx): Promise<void> {
  const current = await getSetting(ctx, SECRET_KEY, secretSchema, '');
  if (!current) await setSetting(ctx, SECRET_KEY, secretSchema, newToken(), { secret: true });
}

async function secret(ctx: Ctx): Promise<string> {
  const s = await getSetting(ctx, SECRET_KEY, secretSchema, '');
  if (!s) throw new Error('complaint form secret missing (module seed did not run)');
  return s;
}

function sign(key: string, issuedMs: number): string {
  return createHmac('sha256', key).update(`complaint-form:${issuedMs}`).digest('base64url');
}

/** A form token: the issue time and its HMAC. */
export async function issueFormToken(ctx: Ctx): Promise<string> {
  const issued = ctx.clock.now().getTime();
  return `${issued}.${sign(await secret(ctx), issued)}`;
}

/** ok, or why the token is refused: invalid (forged), too_fast, expired. */
export async function checkFormToken(
  ctx: Ctx,
  token: string,
): Promise<'ok' | 'invalid' | 'too_fast' | 'expired'> {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m) return 'invalid';
  const issued = Number(m[1]);
  const expected = Buffer.from(sign(await secret(ctx), issued));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = ctx.clock.now().getTime() - issued;
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_FORM_AGE_MS) return 'expired';
  return 'ok';
}

type FormValues = Partial<
  Record<'name' | 'email' | 'phone' | 'point1' | 'point2' | 'point3' | 'remedy', string>
>;

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}
label{display:block;font-weight:600;margin-top:1rem}
input,textarea{width:100%;box-sizing:border-box;padding:.6rem;font:inherit;border:1px solid #888;border-radius:4px}
textarea{min-height:6rem}
button{margin-top:1.5rem;padding:.8rem 1.5rem;font:inherit;font-weight:600;border:0;border-radius:4px;background:#1c4e80;color:#fff;width:100%}
.error{color:#a40000}
.notice{background:#fff4e5;border-left:4px solid #e08a00;padding:.5rem 1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

function field(
  t: CaseTexts['form'],
  name: keyof FormValues,
  label: string,
  values: FormValues,
  errors: Record<string, string>,
  opts: { type?: string; textarea?: boolean; required?: boolean; autocomplete?: string } = {},
): string {
  const value = escapeHtml(values[name] ?? '');
  const err = errors[name];
  const describedBy = err ? ` aria-describedby="${name}-error" aria-invalid="true"` : '';
  const req = opts.required ? ' required' : '';
  const ac = opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : '';
  const control = opts.textarea
    ? `<textarea id="${name}" name="${name}" maxlength="10000"${req}${describedBy}>${value}</textarea>`
    : `<input id="${name}" name="${name}" type="${opts.type ?? 'text'}" value="${value}" maxlength="320"${req}${ac}${describedBy}>`;
  void t;
  return `<label for="${name}">${escapeHtml(label)}</label>
${control}${err ? `\n<p class="error" id="${name}-error">${escapeHtml(err)}</p>` : ''}`;
}

async function formPage(
  ctx: Ctx,
  lang: Lang,
  values: FormValues = {},
  errors: Record<string, string> = {},
  notice?: string,
): Promise<string> {
  const t = textsFor(lang).form;
  const token = await issueFormToken(ctx);
  const body = `${notice ? `<p class="notice" role="alert">${escapeHtml(notice)}</p>\n` : ''}<p>${escapeHtml(t.intro)}</p>
<form method="post" action="/complaint" accept-charset="utf-8">
<input type="hidden" name="lang" value="${lang}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
${field(t, 'name', t.name, values, errors, { required: true, autocomplete: 'name' })}
${field(t, 'email', t.email, values, errors, { type: 'email', required: true, autocomplete: 'email' })}
${field(t, 'phone', t.phone, values, errors, { type: 'tel', autocomplete: 'tel' })}
${field(t, 'point1', t.point, values, errors, { textarea: true, required: true })}
${field(t, 'point2', t.morePoint, values, errors, { textarea: true })}
${field(t, 'point3', t.morePoint, values, errors, { textarea: true })}
${field(t, 'remedy', t.remedy, values, errors, { textarea: true })}
<div class="hp" aria-hidden="true"><label for="website">${escapeHtml(t.honeypot)}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${escapeHtml(t.submit)}</button>
</form>`;
  return page(lang, t.title, body);
}

const str = (v: unknown): string =>
  (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();

export const casePublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const schema = { hide: true };
  app.get(
    '/complaint',
    {
      config: { roles: 'public' },
      schema: { ...schema, querystring: z.object({ lang: z.enum(['de', 'en']).optional() }) },
    },
    async (req, reply) =>
      reply.type('text/html; charset=utf-8').send(await formPage(req.ctx(), langOf(req.query.lang))),
  );
  app.post(
    '/complaint',
    {
      config: { roles: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: { ...schema, body: z.record(z.string(), z.any()) },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const b = req.body as Record<string, unknown>;
      const lang = langOf(str(b.lang));
      const t = textsFor(lang).form;
      const values: FormValues = {
        name: str(b.name),
        email: str(b.email),
        phone: str(b.phone),
        point1: str(b.point1),
        point2: str(b.point2),
        point3: str(b.point3),
        remedy: str(b.remedy),
      };
      const html = (status: number, content: string) =>
        reply.code(status).type('text/html; charset=utf-8').send(content);
      if (str(b.website) !== '')
        return html(400, page(lang, t.title, `<p class="notice" role="alert">${escapeHtml(t.rejected)}</p>`));
      const tokenState = await checkFormToken(ctx, str(b.token));
      if (tokenState === 'invalid')
        return html(400, page(lang, t.title, `<p class="notice" role="alert">${escapeHtml(t.rejected)}</p>`));
      if (tokenState === 'too_fast') return html(400, await formPage(ctx, lang, values, {}, t.tooFast));
      if (tokenState === 'expired') return html(400, await formPage(ctx, lang, values, {}, t.expired));

      const errors: Record<string, string> = {};
      if (!values.name) errors.name = t.required;
      else if (values.name.length > 300) errors.name = t.tooLong;
      if (!values.email) errors.email = t.required;
      else if (!z.email().max(320).safeParse(values.email).success) errors.email = t.invalidEmail;
      if ((values.phone ?? '').length > 50) errors.phone = t.tooLong;
      if (!values.point1) errors.point1 = t.required;
      for (const f of [...POINT_FIELDS, 'remedy'] as const)
        if ((values[f] ?? '').length > 10_000) errors[f] = t.tooLong;
      if (Object.keys(errors).length > 0) return html(400, await formPage(ctx, lang, values, errors));

      const points = POINT_FIELDS.map((f) => values[f]!).filter((p) => p);
      const created = await inTransaction(ctx, async (tx) => {
        const existing = await findCustomerByEmail(tx, values.email!);
        const customer =
          existing ??
          (await createCustomer(tx, {
            name: values.name!,
            email: values.email!,
            phone: values.phone || undefined,
            locale: lang,
            status: 'prospect',
          }));
        return createCase(tx, {
          customerId: customer.id,
          channel: 'web',
          points: points.map((text) => ({ text })),
          requestedRemedy: values.remedy || undefined,
        });
      });
      const list = points.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
      const body = `<p>${escapeHtml(fill(t.thanks, { customerName: values.name!, reference: created.reference }))}</p>
<p>${escapeHtml(t.yourPoints)}</p>
<ol>${list}</ol>`;
      return html(201, page(lang, t.thanksTitle, body));
    },
  );
};
