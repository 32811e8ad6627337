// The survey e-mail (first mail and reminder) in the customer's language: the question, the scale as
// one link per score, the page link, the validity date and the objection link (RFC 8058 headers).
import type { Ctx } from '../platform/context.js';
import { formatInstant } from '../platform/time/index.js';
import { esc } from './public-page.html.js';
import type { DefinitionRow, InvitationRow } from './survey-rows.js';
import { surveyUrl } from './survey-tokens.service.js';
import { SCALE_RANGE, type Scale } from './surveys.schema.js';
import { fill, type SurveyTexts, texts } from './texts/index.js';

export type SurveyMailInput = {
  def: DefinitionRow;
  inv: InvitationRow;
  token: string;
  customer: { id: string; name: string; email: string | null; locale: string };
  reminder: boolean;
  /** The company's time zone, in which the validity date is worded. */
  timeZone: string;
};

/** What the text and the HTML version of the mail both show. */
type MailView = {
  t: SurveyTexts;
  lang: string;
  question: string;
  url: string;
  objectionUrl: string;
  range: [number, number] | null;
  scores: number[];
  labels: { low: string; high: string } | null;
  greeting: string;
  validUntil: string;
};

/** The outbox mail of an invitation (first mail or reminder) with the given token's links. */
export function surveyMail(ctx: Ctx, m: SurveyMailInput) {
  const v = mailView(ctx, m);
  return {
    to: m.customer.email!,
    customerId: m.customer.id,
    purpose: 'survey',
    subject: m.reminder ? v.t.mail.reminderSubject : fill(v.t.mail.subject, { question: v.question }),
    text: mailText(v),
    html: mailHtml(v),
    headers: {
      'List-Unsubscribe': `<${v.objectionUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

function mailView(ctx: Ctx, m: SurveyMailInput): MailView {
  const t = texts(m.inv.locale);
  const url = surveyUrl(ctx, m.token);
  const range = SCALE_RANGE[m.def.scale as Scale];
  return {
    t,
    lang: m.inv.locale === 'en' ? 'en' : 'de',
    question: m.inv.locale === 'en' ? m.def.question_en : m.def.question_de,
    url,
    objectionUrl: `${url}/objection`,
    range,
    scores: range ? Array.from({ length: range[1] - range[0] + 1 }, (_, i) => range[0] + i) : [],
    labels: range ? t.scale[m.def.scale as 'csat' | 'nps' | 'ces'] : null,
    greeting: fill(t.mail.greeting, { name: m.customer.name }),
    validUntil: fill(t.mail.validUntil, {
      date: formatInstant(m.inv.expires_at!, m.inv.locale, m.timeZone, 'longDate'),
    }),
  };
}

function mailText({ t, question, url, objectionUrl, range, scores, labels, greeting, validUntil }: MailView) {
  const lines = [greeting, '', t.mail.intro, '', question, ''];
  if (range) {
    lines.push(`${t.mail.pickScore} (${range[0]} = ${labels!.low}, ${range[1]} = ${labels!.high})`);
    for (const s of scores) lines.push(`  ${s}: ${url}?score=${s}`);
    lines.push('');
  }
  lines.push(
    t.mail.openLink,
    url,
    '',
    validUntil,
    '',
    t.mail.signature,
    '',
    '--',
    t.mail.objection,
    objectionUrl,
  );
  return lines.join('\n');
}

function mailHtml(v: MailView) {
  const { t, lang, question, url, objectionUrl, range, scores, labels, greeting, validUntil } = v;
  const button = (s: number) =>
    `<a href="${esc(`${url}?score=${s}`)}" style="display:inline-block;min-width:36px;padding:10px 6px;margin:2px;border:1px solid #1c5d99;border-radius:6px;color:#1c5d99;text-decoration:none;text-align:center;font-weight:bold">${s}</a>`;
  return [
    `<!doctype html><html lang="${lang}"><body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;color:#222;line-height:1.5">`,
    `<p>${esc(greeting)}</p><p>${esc(t.mail.intro)}</p><p><strong>${esc(question)}</strong></p>`,
    range
      ? `<p>${esc(t.mail.pickScore)}</p><p>${scores.map(button).join('')}</p><p style="font-size:13px;color:#555">${range[0]} = ${esc(labels!.low)}, ${range[1]} = ${esc(labels!.high)}</p>`
      : '',
    `<p>${esc(t.mail.openLink)} <a href="${esc(url)}">${esc(url)}</a></p><p style="font-size:13px;color:#555">${esc(validUntil)}</p>`,
    `<p>${esc(t.mail.signature).replace(/\n/g, '<br>')}</p>`,
    `<hr><p style="font-size:13px;color:#555">${esc(t.mail.objection)} <a href="${esc(objectionUrl)}">${esc(t.page.objectionLink)}</a></p>`,
    '</body></html>',
  ].join('');
}
