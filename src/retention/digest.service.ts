// The Monday-morning digest: the week's key figures against the week before, in each manager's
// language, as inline-styled HTML with PNG charts (cid:) and a plain-text part, through the outbox.
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
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
import { type DigestSections, type DigestText, digestHtml, digestText, type Row } from './digest-render.js';
import { valueAtRisk } from './economics.service.js';
import { listLostBetween } from './lost-customers.service.js';
import { loyaltyPenaltySummary } from './loyalty-penalty.service.js';
import * as ports from './retention.ports.js';
import { getRetentionSettings } from './retention.settings.js';
import { rt } from './retention.i18n.js';

export const DIGEST_JOB = 'retention.digest-weekly';

type Value = number | null;

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

type DigestWeek = ReturnType<typeof digestWeek>;

/** Everything the digest shows, read in one go. */
type DigestData = {
  settings: Awaited<ReturnType<typeof getRetentionSettings>>;
  currency: string;
  cur: WeekFigures;
  prev: WeekFigures;
  risk: { amountMinor: number; customers: number };
  penalty: { totalPerYearMinor: number; currency: string };
  overdue: number;
  pareto: Awaited<ReturnType<typeof ports.paretoOfRootCauses>>;
};

/**
 * Builds the digest for the week before `now` in a language: subject, HTML (inline styles, charts
 * as cid: images), plain text and the PNG images. Links point to PUBLIC_URL paths of the web app.
 */
export async function buildDigest(
  ctx: Ctx,
  options: { locale: string; recipientName: string },
): Promise<DigestContent> {
  const lang = langOf(options.locale);
  const dt: DigestText = (key, params) => rt(lang, `digest.${key}`, params);
  const zone = await getCompanyTimeZone(ctx);
  const week = digestWeek(ctx.clock.now(), zone);
  const data = await readDigestData(ctx, week, zone);
  const fmt = figureFormat(lang, dt);
  const sections: DigestSections = {
    lang,
    dt,
    ...headings(dt, week, zone, options.recipientName, data.settings.surpriseDailyGoal),
    rows: weekOnWeekRows(data.cur, data.prev, fmt, dt),
    current: currentFigures(data, fmt, lang, dt),
    causes: data.pareto.items.slice(0, 3).map((i) => `${i.name[lang]}: ${i.count}`),
    links: webLinks(ctx.config.publicUrl, dt),
    images: charts(data, week, zone, lang, dt),
  };
  return {
    subject: sections.subject,
    html: digestHtml(sections),
    text: digestText(sections),
    week: week.label,
    images: sections.images,
  };
}

async function readDigestData(ctx: Ctx, week: DigestWeek, zone: string): Promise<DigestData> {
  const settings = await getRetentionSettings(ctx);
  const currency = await ports.companyCurrency(ctx);
  const cur = await weekFigures(ctx, week.from, week.to, zone);
  const prev = await weekFigures(ctx, week.prevFrom, week.from, zone);
  const risk = await valueAtRisk(ctx);
  const penalty = await loyaltyPenaltySummary(ctx);
  const overdue =
    (await countOverdueTasks(ctx)) + (await ports.countOverdueCommitments(ctx, ctx.clock.now()));
  const pareto = await ports.paretoOfRootCauses(ctx, week.from, week.to);
  return { settings, currency, cur, prev, risk, penalty, overdue, pareto };
}

type FigureFormat = {
  num: (v: Value, digits?: number) => string;
  pct: (v: Value) => string;
  change: (a: Value, b: Value, asPct?: boolean) => string;
};

/** Numbers, shares and week-on-week changes in the reader's locale ("n/a" for a missing value). */
function figureFormat(lang: string, dt: DigestText): FigureFormat {
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
  return { num, pct, change };
}

function headings(
  dt: DigestText,
  week: DigestWeek,
  zone: string,
  recipientName: string,
  surpriseDailyGoal: number,
): Pick<DigestSections, 'subject' | 'greeting' | 'intro' | 'goal'> {
  const fromLabel = localDay(week.from, zone);
  const toLabel = localDay(plusLocal(week.to, { days: -1 }, zone), zone);
  // "2026-W10" is for machines; a reader sees "KW 10/2026" or "week 10, 2026".
  const [year, weekNo] = week.label.split('-W');
  const readableWeek = dt('weekLabel', { week: Number(weekNo), year });
  return {
    subject: dt('subject', { week: readableWeek }),
    intro: dt('intro', { week: readableWeek, from: fromLabel, to: toLabel }),
    greeting: dt('greeting', { name: recipientName }),
    goal: dt('surprisesGoal', { goal: surpriseDailyGoal }),
  };
}

/** The figures table: this week, last week and the change. */
function weekOnWeekRows(cur: WeekFigures, prev: WeekFigures, fmt: FigureFormat, dt: DigestText): Row[] {
  const { num, pct, change } = fmt;
  return [
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
}

/** The figures as of now: value at risk, overdue tasks and commitments, loyalty penalty. */
function currentFigures(
  data: DigestData,
  fmt: FigureFormat,
  lang: string,
  dt: DigestText,
): DigestSections['current'] {
  const { risk, penalty } = data;
  return [
    {
      label: dt('atRisk'),
      value: `${fmt.num(risk.customers)} (${formatMoney(risk.amountMinor, data.currency, lang)})`,
    },
    { label: dt('overdueTasks'), value: fmt.num(data.overdue) },
    { label: dt('loyaltyPenalty'), value: formatMoney(penalty.totalPerYearMinor, penalty.currency, lang) },
  ];
}

function webLinks(base: string, dt: DigestText): DigestSections['links'] {
  return [
    { label: dt('linkInbox'), href: `${base}/inbox` },
    { label: dt('linkAtRisk'), href: `${base}/at-risk` },
    { label: dt('linkDashboard'), href: `${base}/dashboard` },
    { label: dt('linkCustomers'), href: `${base}/customers` },
  ];
}

/** Complaints and surprises per local day of the week as PNG bar charts, attached by cid. */
function charts(
  data: DigestData,
  week: DigestWeek,
  zone: string,
  lang: string,
  dt: DigestText,
): DigestContent['images'] {
  const dayLabels = Array.from({ length: 7 }, (_, d) =>
    formatInstant(plusLocal(week.from, { days: d }, zone), lang, zone, 'weekday'),
  );
  const bars = (values: number[]): Bar[] => values.map((value, i) => ({ label: dayLabels[i], value }));
  return [
    {
      cid: 'complaints@digest',
      filename: 'complaints.png',
      svg: barChartSvg(dt('chartComplaints'), bars(data.cur.complaintsPerDay)),
    },
    {
      cid: 'surprises@digest',
      filename: 'surprises.png',
      svg: barChartSvg(dt('chartSurprises'), bars(data.cur.surprisesPerDay), {
        goal: data.settings.surpriseDailyGoal,
        color: '#2f9e44',
      }),
    },
  ].map((i) => ({
    cid: i.cid,
    filename: i.filename,
    contentType: 'image/png',
    contentBase64: svgToPng(i.svg).toString('base64'),
  }));
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
