// Filling in the public complaint form as a browser does: GET /complaint for a token, wait, POST it
// (URL-encoded, or multipart/form-data with files).
import type { TestApp } from './test-app.js';

export type FormFile = { filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body with text fields and files under `attachments`. */
export function multipartBody(fields: Record<string, string>, files: FormFile[] = []) {
  const boundary = `----stammkunde${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function complaintForm(t: TestApp) {
  let ip = 0;
  /** GET /complaint from a fresh client address; returns the page and its form token. */
  const getForm = async (query = '', headers: Record<string, string> = {}) => {
    const from = `10.1.${Math.floor(++ip / 250)}.${ip % 250}`;
    const res = await t.request(null, 'GET', `/complaint${query}`, undefined, {
      'x-forwarded-for': from,
      ...headers,
    });
    const token = /name="token" value="([^"]+)"/.exec(res.text)?.[1] ?? '';
    return { res, token, from };
  };
  /** POST /complaint as multipart/form-data (the form's encoding). */
  const post = async (fields: Record<string, string>, from: string, files: FormFile[] = []) => {
    const { body, contentType } = multipartBody(fields, files);
    const res = await t.server.inject({
      method: 'POST',
      url: '/complaint',
      payload: body,
      headers: { 'content-type': contentType, 'x-forwarded-for': from },
    });
    return { status: res.statusCode, text: res.body, headers: res.headers };
  };
  /** Renders the form, waits like a person and sends it; returns the answer. */
  const submit = async (fields: Record<string, string>, files: FormFile[] = []) => {
    const { token, from } = await getForm(`?lang=${fields.lang ?? 'de'}`);
    t.clock.advance(20_000);
    const res = await post({ lang: 'de', token, ...fields }, from, files);
    return { ...res, token, from };
  };
  return { getForm, post, submit };
}

/** The first link of the form https://…/c/<token>[/confirm] in a mail text. */
export function linkIn(text: string | undefined, kind: 'status' | 'confirm'): string | null {
  const re =
    kind === 'confirm'
      ? /https?:\/\/[^\s]+\/c\/([A-Za-z0-9_-]{43})\/confirm/
      : /https?:\/\/[^\s]+\/c\/([A-Za-z0-9_-]{43})(?![/\w-])/;
  const m = re.exec(text ?? '');
  return m ? new URL(m[0]).pathname : null;
}
