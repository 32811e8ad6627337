// Server-rendered HTML of the public survey pages: no JavaScript, real labels, fieldset/legend for
// the scale, large touch targets, the customer's language. Every value is escaped (text only).
import { SCALE_RANGE } from './surveys.schema.js';
import type { PublicSurvey } from './survey-tokens.service.js';
import { texts } from './texts/index.js';

const de = texts('de');
const en = texts('en');

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Headers of every public survey page: no caching, no referrer (the token is in the URL), no scripts. */
export const pageHeaders: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const css = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:18px;line-height:1.5;color:#1b1b1b;background:#f4f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin:0 0 1rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:600;font-size:1.15rem;margin-bottom:.5rem;padding:0}
.scale{display:flex;flex-wrap:wrap;gap:.4rem}
.scale label{position:relative;flex:1 0 2.9rem;min-height:48px}
.scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0;left:0;top:0;cursor:pointer}
.scale span{display:flex;align-items:center;justify-content:center;min-height:48px;border:2px solid #1c5d99;border-radius:8px;font-weight:700;color:#1c5d99;background:#fff}
.scale input:checked+span{background:#1c5d99;color:#fff}
.scale input:focus-visible+span{outline:3px solid #f0a202;outline-offset:2px}
.hint{display:flex;justify-content:space-between;font-size:.9rem;color:#4a4a4a;margin-top:.3rem;gap:1rem}
.reasons label{display:flex;align-items:center;gap:.6rem;min-height:48px;padding:.2rem 0}
.reasons input{width:1.4rem;height:1.4rem}
label.block{display:block;font-weight:600;margin-bottom:.4rem}
textarea{width:100%;min-height:7rem;font:inherit;padding:.6rem;border:1px solid #8a8a8a;border-radius:8px}
button{width:100%;min-height:52px;font:inherit;font-weight:700;color:#fff;background:#1c5d99;border:0;border-radius:8px;margin-top:1rem;cursor:pointer}
button:focus-visible{outline:3px solid #f0a202;outline-offset:2px}
.error{color:#a40000;font-weight:600}
.errors{border:2px solid #a40000;border-radius:8px;padding:.6rem .9rem;margin-bottom:1rem}
.small{font-size:.9rem;color:#4a4a4a;margin-top:1.5rem}
.small a{color:#1c5d99}
`;

function layout(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
<main><div class="card">
${body}
</div></main>
</body>
</html>`;
}

export type FormState = {
  score?: number | null;
  reason?: string | null;
  comment?: string | null;
  errors?: Array<{ path: string; message: string }>;
};

/** The question page (GET, or a POST with errors): the form posts back to the same link. */
export function surveyPage(
  token: string,
  survey: PublicSurvey,
  nonce: string,
  state: FormState = {},
): string {
  const t = texts(survey.locale);
  const range = SCALE_RANGE[survey.scale];
  const errorOf = (path: string) => state.errors?.find((e) => e.path === path);
  const parts: string[] = [`<h1>${esc(t.page.title)}</h1>`];
  if (state.errors?.length) {
    parts.push(
      `<div class="errors" role="alert">${state.errors.map((e) => `<p class="error" data-field="${esc(e.path)}">${esc(e.message)}</p>`).join('')}</div>`,
    );
  }
  parts.push(
    `<form method="post" action="/s/${esc(token)}" novalidate>`,
    `<input type="hidden" name="nonce" value="${esc(nonce)}">`,
  );
  if (range) parts.push(...scaleFieldset(survey, range, state.score, errorOf('score')));
  if (survey.reasons.length > 0)
    parts.push(...reasonsFieldset(survey, !!range, state.reason, errorOf('reason')));
  parts.push(
    ...commentField(survey, state.comment, errorOf('comment')),
    `<button type="submit">${esc(t.page.submit)}</button>`,
    '</form>',
    `<p class="small"><a href="/s/${esc(token)}/objection">${esc(t.page.objectionLink)}</a></p>`,
  );
  return layout(survey.locale, `${t.page.title}: ${survey.question}`, parts.join('\n'));
}

type FieldError = { message: string } | undefined;

/** The scale as real radio inputs in a fieldset whose legend is the question; the ends are labelled. */
function scaleFieldset(
  survey: PublicSurvey,
  range: [number, number],
  score: number | null | undefined,
  err: FieldError,
): string[] {
  const labels = texts(survey.locale).scale[survey.scale as 'csat' | 'nps' | 'ces'];
  const options: string[] = [];
  for (let s = range[0]; s <= range[1]; s++) {
    const checked = score === s ? ' checked' : '';
    const aria =
      s === range[0]
        ? ` aria-label="${s} – ${esc(labels.low)}"`
        : s === range[1]
          ? ` aria-label="${s} – ${esc(labels.high)}"`
          : '';
    options.push(
      `<label><input type="radio" name="score" value="${s}"${checked}${aria}><span>${s}</span></label>`,
    );
  }
  return [
    `<fieldset${err ? ' aria-invalid="true" aria-describedby="score-error"' : ''}>`,
    `<legend id="question">${esc(survey.question)}</legend>`,
    err ? `<p class="error" id="score-error">${esc(err.message)}</p>` : '',
    `<div class="scale">${options.join('')}</div>`,
    `<div class="hint" aria-hidden="true"><span>${range[0]} = ${esc(labels.low)}</span><span>${range[1]} = ${esc(labels.high)}</span></div>`,
    '</fieldset>',
  ];
}

/** The reason choices; without a scale (exit interview) their legend is the question itself. */
function reasonsFieldset(
  survey: PublicSurvey,
  hasScale: boolean,
  reason: string | null | undefined,
  err: FieldError,
): string[] {
  const legend = hasScale ? texts(survey.locale).page.reasonLegend : survey.question;
  return [
    `<fieldset class="reasons"${err ? ' aria-invalid="true" aria-describedby="reason-error"' : ''}>`,
    `<legend>${esc(legend)}</legend>`,
    err ? `<p class="error" id="reason-error">${esc(err.message)}</p>` : '',
    ...survey.reasons.map(
      (r) =>
        `<label><input type="radio" name="reason" value="${esc(r.code)}"${reason === r.code ? ' checked' : ''}> ${esc(r.label)}</label>`,
    ),
    '</fieldset>',
  ];
}

/** The labelled comment field (the customer's text goes back into it escaped, as text). */
function commentField(survey: PublicSurvey, comment: string | null | undefined, err: FieldError): string[] {
  return [
    `<label class="block" for="comment">${esc(survey.commentPrompt ?? texts(survey.locale).page.commentLabel)}</label>`,
    err ? `<p class="error" id="comment-error">${esc(err.message)}</p>` : '',
    `<textarea id="comment" name="comment" maxlength="4000"${err ? ' aria-invalid="true" aria-describedby="comment-error"' : ''}>${esc(comment ?? '')}</textarea>`,
  ];
}

/** A page with a title and one paragraph (thank you, already answered, objection done). */
export function messagePage(locale: 'de' | 'en', title: string, text: string): string {
  return layout(locale, title, `<h1>${esc(title)}</h1>\n<p>${esc(text)}</p>`);
}

/** The same neutral page for unknown, forged and expired links, in both languages. */
export function neutralPage(): string {
  return layout(
    'de',
    `${de.page.invalidTitle} / ${en.page.invalidTitle}`,
    `<h1>${esc(de.page.invalidTitle)}</h1>\n<p>${esc(de.page.invalidText)}</p>\n<div lang="en"><h2>${esc(en.page.invalidTitle)}</h2>\n<p>${esc(en.page.invalidText)}</p></div>`,
  );
}

/** The objection page: a GET only shows this confirm button; the POST records the objection. */
export function objectionPage(token: string, locale: 'de' | 'en', nonce: string): string {
  const t = texts(locale);
  return layout(
    locale,
    t.page.objectionTitle,
    [
      `<h1>${esc(t.page.objectionTitle)}</h1>`,
      `<p>${esc(t.page.objectionText)}</p>`,
      `<form method="post" action="/s/${esc(token)}/objection"><input type="hidden" name="nonce" value="${esc(nonce)}">`,
      `<button type="submit">${esc(t.page.objectionButton)}</button></form>`,
    ].join('\n'),
  );
}
