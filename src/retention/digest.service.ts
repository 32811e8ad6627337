// The Monday-morning digest: the week's key figures against the week before, in each manager's
// language, as inline-styled HTML with PNG charts (cid:) and a plain-text part, through the outbox.
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { escapeHtml } from '../platform/i18n/html.js';
import { formatMoney, langOf } from '../platform/i18n/i18n.js';
import { newId } from '../platform/ids.js';
import { enqueueMail, type MailAttachment } from '../platform/mail/mail.service.js';
import {
  formatInstant,
  getCompanyTimeZone,
  localDay,
  localIsoWeek,
  plusLocal,
  startOfLocal,
} from '../platform/time/index.js';
import { type Bar, barChartSvg, svgToPng } from './digest-charts.js';
import { valueAtRisk } from './economics.service.js';
import { listLostBetween } from './lost-customers.service.js';
import { loyaltyPenaltySummary } from './loyalty-penalty.service.js';
import * as ports from './retention.ports.js';
import { getRetentionSettings } from './retention.settings.js';
import { rt } from './retention.i18n.js';

export const DIGEST_JOB = 'retention.digest-weekly';

type Value = number | null;
type Row = { label: string; now: string; before: string; change: string };

export type DigestContent = {
  subject: string;
  html: string;
  text: string;
  week: string;
  images: Array<MailAttachment & { cid: string }>;
};

/**
 * The week the digest covers: the last complete ISO week before `now`, Monday 00:00 to Monday 00:00
 * local time in `zone` (so 167 or 169 hours in a week whose Sunday the clocks change).
 */
export function digestWeek(
  now: Date,
  zone: string,
): { from: string; to: string; prevFrom: string; label: string } {
  const to = startOfLocal('week', now, zone);
  const from = plusLocal(to, { days: -7 }, zone);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    prevFrom: plusLocal(to, { days: -14 }, zone).toISOString(),
    label: localIsoWeek(from, zone),
  };
}

async function countOverdueTasks(ctx: Ctx): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await ports.listTasks(ctx, { status: 'active', overdue: true, limit: 500, cursor });
    n += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return n;
}

type WeekFigures = {
  complaints: number;
  sla: Value;
  nps: Value;
  csat: Value;
  lost: number;
  surprises: number;
  complaintsPerDay: number[];
  surprisesPerDay: number[];
};

async function weekFigures(ctx: Ctx, from: string, to: string, zone: string): Promise<WeekFigures> {
  const metrics = await ports.caseMetrics(ctx, { from, to });
  const surveys = await ports.surveyMetrics(ctx, { from, to });
  const surprises = await ctx.db
    .selectFrom('retention_surprises')
    .select('at')
    .where('at', '>=', from)
    .where('at', '<', to)
    .execute();
  const complaintsPerDay: number[] = [];
  const surprisesPerDay: number[] = [];
  for (let d = 0; d < 7; d++) {
    const a = plusLocal(from, { days: d }, zone).toISOString();
    const b = plusLocal(from, { days: d + 1 }, zone).toISOString();
    complaintsPerDay.push((await ports.caseMetrics(ctx, { from: a, to: b })).total.cases);
    surprisesPerDay.push(surprises.filter((s) => s.at >= a && s.at < b).length);
  }
  return {
    complaints: metrics.total.cases,
    sla: metrics.total.slaFirstResponse.compliance,
    nps: surveys.overall.nps.value,
    csat: surveys.overall.csat.value,
    lost: (await listLostBetween(ctx, from, to)).length,
    surprises: surprises.length,
    complaintsPerDay,
    surprisesPerDay,
  };
}

/**
 * Builds the digest for the week before `now` in a language: subject, HTML (inline styles, charts
 * as cid: images), plain text and the PNG images. Links point to PUBLIC_URL paths of the web app.
 */
export async function buildDigest(
  ctx: Ctx,
  options: { locale: string; recipientName: string },
): Promise<DigestContent> {
  const lang = langOf(options.locale);
  const dt = (key: string, params?: Record<string, unknown>) => rt(lang, `digest.${key}`, params);
  const zone = await getCompanyTimeZone(ctx);
  const week = digestWeek(ctx.clock.now(), zone);
  const settings = await getRetentionSettings(ctx);
  const currency = await ports.companyCurrency(ctx);
  const cur = await weekFigures(ctx, week.from, week.to, zone);
  const prev = await weekFigures(ctx, week.prevFrom, week.from, zone);
  const risk = await valueAtRisk(ctx);
  const penalty = await loyaltyPenaltySummary(ctx);
  const overdue =
    (await countOverdueTasks(ctx)) + (await ports.countOverdueCommitments(ctx, ctx.clock.now()));
  const pareto = await ports.paretoOfRootCauses(ctx, week.from, week.to);

  const locale = lang === 'de' ? 'de-DE' : 'en-GB';
  const num = (v: Value, digits = 0) =>
    v === null ? dt('na') : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  const pct = (v: Value) =>
    v === null
      ? dt('na')
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  const change = (a: Value, b: Value, asPct = false) => {
    if (a === null || b === null) return dt('na');
    const d = asPct ? Math.round((a - b) * 1000) / 10 : Math.round((a - b) * 10) / 10;
    const s = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'always' }).format(d);
    return asPct ? `${s} pp` : s;
  };
  const rows: Row[] = [
    {
      label: dt('newComplaints'),
      now: num(cur.complaints),
      before: num(prev.complaints),
      change: change(cur.complaints, prev.complaints),
    },
    {
      label: dt('slaCompliance'),
      now: pct(cur.sla),
      before: pct(prev.sla),
      change: change(cur.sla, prev.sla, true),
    },
    { label: dt('nps'), now: num(cur.nps, 1), before: num(prev.nps, 1), change: change(cur.nps, prev.nps) },
    {
      label: dt('csat'),
      now: pct(cur.csat),
      before: pct(prev.csat),
      change: change(cur.csat, prev.csat, true),
    },
    {
      label: dt('lostCustomers'),
      now: num(cur.lost),
      before: num(prev.lost),
      change: change(cur.lost, prev.lost),
    },
    {
      label: dt('surprises'),
      now: num(cur.surprises),
      before: num(prev.surprises),
      change: change(cur.surprises, prev.surprises),
    },
  ];
  const current: Array<{ label: string; value: string }> = [
    {
      label: dt('atRisk'),
      value: `${num(risk.customers)} (${formatMoney(risk.amountMinor, currency, lang)})`,
    },
    { label: dt('overdueTasks'), value: num(overdue) },
    { label: dt('loyaltyPenalty'), value: formatMoney(penalty.totalPerYearMinor, penalty.currency, lang) },
  ];
  const causes = pareto.items.slice(0, 3).map((i) => `${i.name[lang]}: ${i.count}`);
  const base = ctx.config.publicUrl;
  const links = [
    { label: dt('linkInbox'), href: `${base}/inbox` },
    { label: dt('linkAtRisk'), href: `${base}/at-risk` },
    { label: dt('linkDashboard'), href: `${base}/dashboard` },
    { label: dt('linkCustomers'), href: `${base}/customers` },
  ];

  const dayLabels = Array.from({ length: 7 }, (_, d) =>
    formatInstant(plusLocal(week.from, { days: d }, zone), lang, zone, 'weekday'),
  );
  const bars = (values: number[]): Bar[] => values.map((value, i) => ({ label: dayLabels[i], value }));
  const images = [
    {
      cid: 'complaints@digest',
      filename: 'complaints.png',
      svg: barChartSvg(dt('chartComplaints'), bars(cur.complaintsPerDay)),
    },
    {
      cid: 'surprises@digest',
      filename: 'surprises.png',
      svg: barChartSvg(dt('chartSurprises'), bars(cur.surprisesPerDay), {
        goal: settings.surpriseDailyGoal,
        color: '#2f9e44',
      }),
    },
  ].map((i) => ({
    cid: i.cid,
    filename: i.filename,
    contentType: 'image/png',
    contentBase64: svgToPng(i.svg).toString('base64'),
  }));

  const fromLabel = localDay(week.from, zone);
  const toLabel = localDay(plusLocal(week.to, { days: -1 }, zone), zone);
  const subject = dt('subject', { week: week.label });
  const intro = dt('intro', { week: week.label, from: fromLabel, to: toLabel });
  const greeting = dt('greeting', { name: options.recipientName });
  const goal = dt('surprisesGoal', { goal: settings.surpriseDailyGoal });

  const text = [
    greeting,
    '',
    intro,
    '',
    ...rows.map((r) => `${r.label}: ${r.now} (${dt('lastWeek')}: ${r.before}, ${dt('change')}: ${r.change})`),
    goal,
    '',
    ...current.map((c) => `${c.label}: ${c.value}`),
    '',
    `${dt('topRootCauses')}:`,
    ...(causes.length ? causes.map((c) => `- ${c}`) : [dt('noRootCauses')]),
    '',
    dt('links'),
    ...links.map((l) => `${l.label}: ${l.href}`),
    '',
    dt('footer'),
  ].join('\n');

  const td = 'padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:left;';
  const tdNum = 'padding:6px 10px;border-bottom:1px solid #e4e7eb;text-align:right;';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;background:#f5f7fa;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:20px;border-radius:6px;">
<p style="margin:0 0 8px 0;">${escapeHtml(greeting)}</p>
<p style="margin:0 0 16px 0;">${escapeHtml(intro)}</p>
<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px;">
<thead><tr><th style="${td}">${escapeHtml(dt('figure'))}</th><th style="${tdNum}">${escapeHtml(dt('thisWeek'))}</th><th style="${tdNum}">${escapeHtml(dt('lastWeek'))}</th><th style="${tdNum}">${escapeHtml(dt('change'))}</th></tr></thead>
<tbody>${rows
    .map(
      (r) =>
        `<tr><td style="${td}">${escapeHtml(r.label)}</td><td style="${tdNum}">${escapeHtml(r.now)}</td><td style="${tdNum}">${escapeHtml(r.before)}</td><td style="${tdNum}">${escapeHtml(r.change)}</td></tr>`,
    )
    .join('')}</tbody></table>
<p style="margin:6px 0 16px 0;font-size:12px;color:#52606d;">${escapeHtml(goal)}</p>
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
  return { subject, html, text, week: week.label, images };
}

/**
 * Sends the digest of the last complete week to every active manager in their language, through the
 * outbox; at most once per ISO week and recipient (a repeat sends nothing). Returns the counts.
 */
export async function sendWeeklyDigest(
  ctx: Ctx,
): Promise<{ week: string; sent: number; alreadySent: number }> {
  const managers = await ports.listUsers(ctx, { role: 'manager', activeOnly: true });
  const week = digestWeek(ctx.clock.now(), await getCompanyTimeZone(ctx)).label;
  let sent = 0;
  let alreadySent = 0;
  for (const m of managers) {
    const content = await buildDigest(ctx, { locale: m.locale, recipientName: m.name });
    const did = await inTransaction(ctx, async (tx) => {
      const id = newId('dig');
      const inserted = await tx.db
        .insertInto('retention_digests')
        .values({ id, week, user_id: m.id, mail_id: '', sent_at: nowIso(tx) })
        .onConflict((oc) => oc.columns(['week', 'user_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      const mailId = await enqueueMail(tx, {
        to: m.email,
        subject: content.subject,
        text: content.text,
        html: content.html,
        purpose: 'digest',
        attachments: content.images.map((i) => ({
          filename: i.filename,
          contentType: i.contentType,
          contentBase64: i.contentBase64,
          cid: i.cid,
        })),
      });
      await tx.db.updateTable('retention_digests').set({ mail_id: mailId }).where('id', '=', id).execute();
      return true;
    });
    if (did) sent++;
    else alreadySent++;
  }
  return { week, sent, alreadySent };
}
