// The public complaint form (no login): GET /complaint renders it, POST /complaint files the case.
// Spam resistance without a third-party captcha: a honeypot field, a signed single-use form token
// (too fast, older than a day or sent before is refused) and a per-IP rate limit. The page speaks
// the browser's language (Accept-Language) unless ?lang= switches it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { boundaryOf, type MultipartFile, parseMultipart } from '../platform/http/multipart.js';
import { MAX_ATTACHMENT_BYTES } from './case-messages.schema.js';
import { sniffContentType } from './case-messages.service.js';
import {
  complaintFiledPage,
  complaintFormPage,
  FORM_FILE_TYPES,
  type FormErrors,
  type FormValues,
  MAX_FORM_FILES,
} from './case-public-form.html.js';
import { checkFormToken, issueFormToken, submitComplaint } from './case-public-form.service.js';
import { messagePage, publicPageHeaders } from './case-public-layout.js';
import { browserLang, publicTexts } from './case-public.texts.js';
import { getPrivacyNotice } from './case-privacy-notice.js';
import { type Lang, langOf, textsFor } from './cases.texts.js';

export { ensureComplaintFormSecret } from './case-public-form.service.js';

const POINT_FIELDS = ['point1', 'point2', 'point3'] as const;
/** Three files of 10 MB in base64-free multipart, plus the text fields. */
const FORM_BODY_LIMIT = MAX_FORM_FILES * MAX_ATTACHMENT_BYTES + 1024 * 1024;

/**
 * The files of a multipart request, kept beside the body: the body holds the text fields only, so
 * the input checks every route runs (NUL characters) read strings, not megabytes of bytes.
 */
const filesOf = new WeakMap<FastifyRequest, MultipartFile[]>();

const EXTENSIONS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

async function formPage(
  ctx: Ctx,
  lang: Lang,
  values: FormValues = {},
  errors: FormErrors = {},
  notice?: string,
): Promise<string> {
  const privacy = await getPrivacyNotice(ctx);
  return complaintFormPage(lang, await issueFormToken(ctx), privacy[lang], values, errors, notice);
}

const str = (v: unknown): string =>
  (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').trim();

/** The form's files checked for the public form: count, photo/PDF type, size, name ending, content. */
function checkFiles(lang: Lang, files: MultipartFile[]): { error?: string; files: MultipartFile[] } {
  const p = publicTexts(lang).form;
  const chosen = files.filter((f) => f.field === 'attachments');
  if (chosen.length > MAX_FORM_FILES) return { error: p.attachmentCount, files: [] };
  for (const f of chosen) {
    if (f.data.length > MAX_ATTACHMENT_BYTES) return { error: p.attachmentSize, files: [] };
    const sniffed = sniffContentType(f.data);
    const type = FORM_FILE_TYPES.includes(f.contentType) ? f.contentType : sniffed;
    if (!type || !FORM_FILE_TYPES.includes(type)) return { error: p.attachmentType, files: [] };
    const ext = f.filename.includes('.') ? f.filename.split('.').pop()!.toLowerCase() : '';
    const badName = f.filename.length > 200 || [...f.filename].some((ch) => ch.charCodeAt(0) < 0x20);
    if (badName || f.data.length === 0 || sniffed !== type || !EXTENSIONS[type]!.includes(ext))
      return { error: p.attachmentInvalid.replace('{{filename}}', f.filename), files: [] };
    f.contentType = type;
  }
  return { files: chosen };
}

function formValues(b: Record<string, unknown>): FormValues {
  return {
    name: str(b.name),
    email: str(b.email),
    phone: str(b.phone),
    point1: str(b.point1),
    point2: str(b.point2),
    point3: str(b.point3),
    remedy: str(b.remedy),
  };
}

function fieldErrors(lang: Lang, values: FormValues): FormErrors {
  const t = textsFor(lang).form;
  const errors: FormErrors = {};
  if (!values.name) errors.name = t.required;
  else if (values.name.length > 300) errors.name = t.tooLong;
  if (!values.email) errors.email = t.required;
  else if (!z.email().max(320).safeParse(values.email).success) errors.email = t.invalidEmail;
  if ((values.phone ?? '').length > 50) errors.phone = t.tooLong;
  if (!values.point1) errors.point1 = t.required;
  for (const f of [...POINT_FIELDS, 'remedy'] as const)
    if ((values[f] ?? '').length > 10_000) errors[f] = t.tooLong;
  return errors;
}

export const casePublicRoutes: FastifyPluginAsyncZod = async (app) => {
  // The form posts multipart/form-data (files); buffered up to the route's limit, parsed here.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT },
    (req, body, done) => {
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary) return done(null, {});
      try {
        const { fields, files } = parseMultipart(body as Buffer, boundary);
        filesOf.set(req, files);
        done(null, fields);
      } catch {
        done(null, {});
      }
    },
  );
  const schema = { hide: true };
  app.get(
    '/complaint',
    {
      config: { roles: 'public' },
      schema: { ...schema, querystring: z.object({ lang: z.enum(['de', 'en']).optional() }) },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? browserLang(req.headers['accept-language']);
      return reply
        .headers(publicPageHeaders)
        .header('vary', 'Accept-Language')
        .send(await formPage(req.ctx(), lang));
    },
  );
  app.post(
    '/complaint',
    {
      config: { roles: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      bodyLimit: FORM_BODY_LIMIT,
      schema: { ...schema, body: z.record(z.string(), z.any()) },
    },
    async (req, reply) =>
      fileComplaint(req.ctx(), req.body as Record<string, unknown>, filesOf.get(req) ?? [], reply),
  );
};

/** POST /complaint: checks token, fields and files; files the case or shows the form again. */
async function fileComplaint(
  ctx: Ctx,
  b: Record<string, unknown>,
  files: MultipartFile[],
  reply: FastifyReply,
) {
  const lang = langOf(str(b.lang));
  const t = textsFor(lang).form;
  const values = formValues(b);
  const html = (status: number, content: string) =>
    reply.code(status).headers(publicPageHeaders).send(content);
  const rejected = () => html(400, messagePage(lang, t.title, t.rejected));
  if (str(b.website) !== '') return rejected();
  const token = str(b.token);
  const tokenState = await checkFormToken(ctx, token);
  if (tokenState === 'invalid') return rejected();
  if (tokenState === 'too_fast') return html(400, await formPage(ctx, lang, values, {}, t.tooFast));
  if (tokenState === 'expired') return html(400, await formPage(ctx, lang, values, {}, t.expired));
  const used = async () => html(409, await formPage(ctx, lang, values, {}, publicTexts(lang).form.used));
  if (tokenState === 'used') return used();

  const errors = fieldErrors(lang, values);
  const checked = checkFiles(lang, files);
  if (checked.error) errors.attachments = checked.error;
  if (Object.keys(errors).length > 0) return html(400, await formPage(ctx, lang, values, errors));

  const points = POINT_FIELDS.map((f) => values[f]!).filter((p) => p);
  const result = await submitComplaint(ctx, {
    token,
    lang,
    name: values.name!,
    email: values.email!,
    phone: values.phone,
    points,
    remedy: values.remedy,
    files: checked.files,
  });
  if (result.kind === 'used') return used();
  return html(
    201,
    complaintFiledPage(lang, {
      name: values.name!,
      reference: result.reference,
      points,
      verifiedAddress: result.verifiedAddress,
    }),
  );
}
