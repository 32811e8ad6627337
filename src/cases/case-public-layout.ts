// The frame of the case domain's public pages (complaint form, confirmation, status page): no
// JavaScript, one column that works on a phone, every value escaped (customer text is text).
import { escapeHtml } from './cases.texts.js';

export const esc = escapeHtml;

/** Headers of every public case page: no caching, no referrer (links carry tokens), no scripts. */
export const publicPageHeaders: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const css = `
body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a1a}
label{display:block;font-weight:600;margin-top:1rem}
input,textarea{width:100%;box-sizing:border-box;padding:.6rem;font:inherit;border:1px solid #888;border-radius:4px}
textarea{min-height:6rem}
button{margin-top:1.5rem;padding:.8rem 1.5rem;font:inherit;font-weight:600;border:0;border-radius:4px;background:#1c4e80;color:#fff;width:100%}
.error{color:#a40000}
.notice{background:#fff4e5;border-left:4px solid #e08a00;padding:.5rem 1rem}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.lang{text-align:right;margin:0}
.privacy{font-size:.9rem;color:#333;border-top:1px solid #ccc;margin-top:2rem}
.pre{white-space:pre-wrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}
dd{margin:0}
ol.points>li{margin-bottom:1rem}
.answer{border-left:4px solid #1c4e80;padding-left:.75rem;margin-top:.25rem}
`;

/** A whole page in a language with its title as the heading. */
export function publicPage(lang: string, title: string, body: string, top = ''): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
<main>
${top}<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** A page with a title and one paragraph (thanks, refusals, invalid links). */
export function messagePage(lang: string, title: string, text: string, extra = ''): string {
  return publicPage(lang, title, `<p>${esc(text)}</p>${extra}`);
}

/** Plain text as paragraphs (blank lines separate them; line breaks kept), escaped. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p class="pre">${esc(p.trim())}</p>`)
    .join('\n');
}
