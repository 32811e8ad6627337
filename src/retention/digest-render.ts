// The digest rendered as a mail: the HTML part (inline styles, charts by cid:) and the plain-text part.
import { escapeHtml } from '../platform/i18n/html.js';
import type { MailAttachment } from '../platform/mail/mail.service.js';

export type DigestText = (key: string, params?: Record<string, unknown>) => string;
export type Row = { label: string; now: string; before: string; change: string };

/** The digest's parts in the reader's language, ready for the HTML and the plain-text renderings. */
export type DigestSections = {
  lang: string;
  dt: DigestText;
  subject: string;
  greeting: string;
  intro: string;
  goal: string;
  rows: Row[];
  current: Array<{ label: string; value: string }>;
  causes: string[];
  links: Array<{ label: string; href: string }>;
  images: Array<MailAttachment & { cid: string }>;
};

/** The plain-text part of the mail. */
export function digestText(s: DigestSections): string {
  const { dt } = s;
  return [
    s.greeting,
    '',
    s.intro,
    '',
    ...s.rows.map(
      (r) => `${r.label}: ${r.now} (${dt('lastWeek')}: ${r.before}, ${dt('change')}: ${r.change})`,
    ),
    s.goal,
    '',
    ...s.current.map((c) => `${c.label}: ${c.value}`),
    '',
    `${dt('topRootCauses')}:`,
    ...(s.causes.length ? s.causes.map((c) => `- ${c}`) : [dt('noRootCauses')]),
    '',
    dt('links'),
    ...s.links.map((l) => `${l.label}: ${l.href}`),
    '',
    dt('footer'),
  ].join('\n');
}

/** The HTML part of the mail: inline styles only (mail clients drop style sheets), charts by cid. */
export function digestHtml(s: DigestSections): string {
  const { dt, rows, current, causes, images, links } = s;
  const td = 'padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:left;';
  const tdNum = 'padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:right;';
  return `<!doctype html><html lang="${s.lang}"><head><meta charset="utf-8"><title>${escapeHtml(s.subject)}</title></head>
<body style="margin:0;padding:16px;background:#f5f7fa;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:20px;border-radius:6px;">
<p style="margin:0 0 8px 0;">${escapeHtml(s.greeting)}</p>
<p style="margin:0 0 16px 0;">${escapeHtml(s.intro)}</p>
<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px;">
<thead><tr><th style="${td}">${escapeHtml(dt('figure'))}</th><th style="${tdNum}">${escapeHtml(dt('thisWeek'))}</th><th style="${tdNum}">${escapeHtml(dt('lastWeek'))}</th><th style="${tdNum}">${escapeHtml(dt('change'))}</th></tr></thead>
<tbody>${rows
    .map(
      (r) =>
        `<tr><td style="${td}">${escapeHtml(r.label)}</td><td style="${tdNum}">${escapeHtml(r.now)}</td><td style="${tdNum}">${escapeHtml(r.before)}</td><td style="${tdNum}">${escapeHtml(r.change)}</td></tr>`,
    )
    .join('')}</tbody></table>
<p style="margin:6px 0 16px 0;font-size:12px;color:#52606d;">${escapeHtml(s.goal)}</p>
<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px;">${current
    .map(
      (c) =>
        `<tr><td style="${td}">${escapeHtml(c.label)}</td><td style="${tdNum}">${escapeHtml(c.value)}</td></tr>`,
    )
    .join('')}</table>
<h3 style="font-size:15px;margin:18px 0 6px 0;">${escapeHtml(dt('topRootCauses'))}</h3>
${causes.length ? `<ol style="margin:0;padding-left:20px;">${causes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ol>` : `<p style="margin:0;">${escapeHtml(dt('noRootCauses'))}</p>`}
<div style="margin:18px 0 0 0;">${images
    .map(
      (i) =>
        `<img src="cid:${i.cid}" alt="${escapeHtml(i.filename === 'complaints.png' ? dt('chartComplaints') : dt('chartSurprises'))}" width="480" height="200" style="display:block;margin:0 0 10px 0;max-width:100%;">`,
    )
    .join('')}</div>
<p style="margin:16px 0 0 0;">${escapeHtml(dt('links'))} ${links
    .map((l) => `<a href="${escapeHtml(l.href)}" style="color:#2f6fde;">${escapeHtml(l.label)}</a>`)
    .join(' · ')}</p>
<p style="margin:16px 0 0 0;font-size:12px;color:#7b8794;">${escapeHtml(dt('footer'))}</p>
</div></body></html>`;
}
