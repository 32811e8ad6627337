// The complaint form page: labelled fields, the e-mail and concern fields, photo/PDF upload, a
// honeypot, the language switch and the admin's privacy notice. Values typed come back escaped.
import { esc, paragraphs, publicPage } from './case-public-layout.js';
import { publicTexts } from './case-public.texts.js';
import { fill, type Lang, textsFor } from './cases.texts.js';

export type FormValues = Partial<
  Record<'name' | 'email' | 'phone' | 'point1' | 'point2' | 'point3' | 'remedy', string>
>;
export type FormErrors = Record<string, string>;

/** The photo and PDF types the public form accepts (the case conversation's checks apply on top). */
export const FORM_FILE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];
export const MAX_FORM_FILES = 3;

function field(
  name: keyof FormValues,
  label: string,
  values: FormValues,
  errors: FormErrors,
  opts: { type?: string; textarea?: boolean; required?: boolean; autocomplete?: string } = {},
): string {
  const value = esc(values[name] ?? '');
  const err = errors[name];
  const describedBy = err ? ` aria-describedby="${name}-error" aria-invalid="true"` : '';
  const req = opts.required ? ' required' : '';
  const ac = opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : '';
  const control = opts.textarea
    ? `<textarea id="${name}" name="${name}" maxlength="10000"${req}${describedBy}>${value}</textarea>`
    : `<input id="${name}" name="${name}" type="${opts.type ?? 'text'}" value="${value}" maxlength="320"${req}${ac}${describedBy}>`;
  return `<label for="${name}">${esc(label)}</label>
${control}${err ? `\n<p class="error" id="${name}-error">${esc(err)}</p>` : ''}`;
}

/** The form, in `lang`, with a fresh single-use token; `notice` explains why it is shown again. */
export function complaintFormPage(
  lang: Lang,
  token: string,
  privacyNotice: string,
  values: FormValues = {},
  errors: FormErrors = {},
  notice?: string,
): string {
  const t = textsFor(lang).form;
  const p = publicTexts(lang).form;
  const fileErr = errors.attachments;
  const switchTo = `<p class="lang"><a href="/complaint?lang=${esc(p.languageSwitchLang)}" hreflang="${esc(p.languageSwitchLang)}" lang="${esc(p.languageSwitchLang)}">${esc(p.languageSwitch)}</a></p>\n`;
  const body = `${notice ? `<p class="notice" role="alert">${esc(notice)}</p>\n` : ''}<p>${esc(t.intro)}</p>
<form method="post" action="/complaint" accept-charset="utf-8" enctype="multipart/form-data">
<input type="hidden" name="lang" value="${lang}">
<input type="hidden" name="token" value="${esc(token)}">
${field('name', t.name, values, errors, { required: true, autocomplete: 'name' })}
${field('email', t.email, values, errors, { type: 'email', required: true, autocomplete: 'email' })}
${field('phone', t.phone, values, errors, { type: 'tel', autocomplete: 'tel' })}
${field('point1', t.point, values, errors, { textarea: true, required: true })}
${field('point2', t.morePoint, values, errors, { textarea: true })}
${field('point3', t.morePoint, values, errors, { textarea: true })}
${field('remedy', t.remedy, values, errors, { textarea: true })}
<label for="attachments">${esc(p.attachments)}</label>
<input id="attachments" name="attachments" type="file" multiple accept="${FORM_FILE_TYPES.join(',')},.jpg,.jpeg,.png,.gif,.webp,.pdf"${fileErr ? ' aria-describedby="attachments-error" aria-invalid="true"' : ''}>${fileErr ? `\n<p class="error" id="attachments-error">${esc(fileErr)}</p>` : ''}
<div class="hp" aria-hidden="true"><label for="website">${esc(t.honeypot)}</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">${esc(t.submit)}</button>
</form>
<section class="privacy" aria-labelledby="privacy-title">
<h2 id="privacy-title">${esc(p.privacyTitle)}</h2>
${paragraphs(privacyNotice)}
</section>`;
  return publicPage(lang, t.title, body, switchTo);
}

/** The page after filing: the reference, and the points only back to the browser that typed them. */
export function complaintFiledPage(
  lang: Lang,
  r: { name: string; reference: string; points: string[]; verifiedAddress: boolean },
): string {
  const t = textsFor(lang).form;
  const p = publicTexts(lang).form;
  const thanks = r.verifiedAddress
    ? fill(t.thanks, { customerName: r.name, reference: r.reference })
    : fill(p.thanksUnverified, { reference: r.reference });
  const list = r.points.map((pt) => `<li class="pre">${esc(pt)}</li>`).join('');
  return publicPage(
    lang,
    t.thanksTitle,
    `<p>${esc(thanks)}</p>\n<p>${esc(t.yourPoints)}</p>\n<ol>${list}</ol>`,
  );
}
