// Demo interactions and survey answers, answered through the same token links a customer uses.
import { listMailsForCustomer } from '../platform/mail/mail.service.js';
import type { Ctx } from '../platform/context.js';
import { answerSurvey } from '../surveys/survey-answers.service.js';
import { type SendRequest, sendSurvey } from '../surveys/survey-sending.service.js';
import { recordInteraction } from '../touchpoints/touchpoints.service.js';
import { at, DAY, DemoRandom } from './demo.history.js';

export type FeedbackCustomer = {
  id: string;
  active: boolean;
  ownerId: string | null;
  sale: string;
  services: string[];
};

const commentsBad = [
  'Lange Wartezeit und niemand hat sich gemeldet.',
  'Die Rechnung war höher als besprochen.',
  'Das Auto war nicht sauber.',
];
const commentsGood = [
  'Sehr freundliche Beratung, vielen Dank!',
  'Alles pünktlich und sauber erledigt.',
  'Frau Keller hat sich toll gekümmert.',
];

async function answerLatest(
  ctx: Ctx,
  customerId: string,
  score: number,
  comment: string | null,
): Promise<boolean> {
  const mails = await listMailsForCustomer(ctx, customerId);
  const survey = mails.find((m) => m.purpose === 'survey' && m.status === 'pending');
  const token = survey?.text_body.match(/\/s\/([A-Za-z0-9_-]{20,})/)?.[1];
  if (!token) return false;
  await answerSurvey(ctx, token, { score, reason: null, comment });
  return true;
}

/** A score that leans on the customer's fate: those who later left were less happy. */
function csat(rnd: DemoRandom, happy: boolean): number {
  const u = rnd.uniform();
  if (happy) return u < 0.55 ? 5 : u < 0.85 ? 4 : u < 0.95 ? 3 : 2;
  return u < 0.2 ? 5 : u < 0.45 ? 4 : u < 0.7 ? 3 : u < 0.88 ? 2 : 1;
}

/** A 0–10 recommendation score: customers who stay lean to promoters, leavers to detractors. */
function nps(rnd: DemoRandom, happy: boolean): number {
  const u = rnd.uniform();
  if (happy) return u < 0.35 ? 10 : u < 0.6 ? 9 : u < 0.78 ? 8 : u < 0.88 ? 7 : u < 0.95 ? 6 : 4;
  return u < 0.1 ? 9 : u < 0.25 ? 8 : u < 0.4 ? 7 : u < 0.6 ? 6 : u < 0.8 ? 4 : 2;
}

/** When an answer carries a comment: a complaint at or below `bad`, praise (sometimes) at or above `good`. */
const CSAT_COMMENTS = { bad: 2, good: 5, praiseChance: 0.3 };
const NPS_COMMENTS = { bad: 4, good: 9, praiseChance: 0.35 };

/**
 * Records service-visit interactions and answers sale and after-sales surveys (CSAT) and a
 * relationship NPS for a sample of customers, each at the time it happened.
 */
export async function loadDemoFeedback(
  ctx: Ctx,
  customers: FeedbackCustomer[],
  seed: number,
): Promise<Record<string, number>> {
  const rnd = new DemoRandom(seed);
  const report = { interactions: 0, surveysSent: 0, answers: 0 };
  const now = ctx.clock.now().getTime();
  /**
   * Sends one survey at `sentAt`; if it went out, draws the score and, with probability `chance`, answers
   * it `afterDays` later with that score and maybe a comment. The random draws keep exactly this order.
   */
  const surveyAndMaybeAnswer = async (
    sentAt: Date,
    request: SendRequest,
    answer: typeof CSAT_COMMENTS & { score: () => number; chance: number; afterDays: number },
  ) => {
    const inv = await sendSurvey(at(ctx, sentAt), request);
    if (inv.status !== 'sent') return;
    report.surveysSent++;
    const score = answer.score();
    if (
      rnd.chance(answer.chance) &&
      (await answerLatest(
        at(ctx, new Date(sentAt.getTime() + answer.afterDays * DAY)),
        request.customerId,
        score,
        score <= answer.bad
          ? rnd.pick(commentsBad)
          : score >= answer.good && rnd.chance(answer.praiseChance)
            ? rnd.pick(commentsGood)
            : null,
      ))
    )
      report.answers++;
  };
  for (const c of customers) {
    const recentServices = c.services.filter((s) => now - Date.parse(s) < 540 * DAY);
    for (const s of recentServices.slice(-2)) {
      if (!rnd.chance(0.5)) continue;
      await recordInteraction(at(ctx, s), {
        customerId: c.id,
        touchpoint: 'service_visit',
        at: s,
        staffUserId: c.ownerId,
        channel: 'in_person',
        note: null,
      });
      report.interactions++;
    }
    const sale = Date.parse(c.sale);
    if (now - sale < 3 * 365 * DAY && rnd.chance(0.35)) {
      const sentAt = new Date(sale + 7 * DAY);
      await surveyAndMaybeAnswer(
        sentAt,
        {
          customerId: c.id,
          definitionCode: 'sale_csat',
          triggerRef: `demo-sale:${c.id}`,
          touchpointCode: 'sale',
        },
        { ...CSAT_COMMENTS, score: () => csat(rnd, c.active || rnd.chance(0.5)), chance: 0.6, afterDays: 2 },
      );
    }
    const service = c.services.find(
      (s) => Date.parse(s) > sale + 150 * DAY && now - Date.parse(s) < 3 * 365 * DAY,
    );
    if (service && rnd.chance(0.45)) {
      const sentAt = new Date(Date.parse(service) + 3 * DAY);
      await surveyAndMaybeAnswer(
        sentAt,
        {
          customerId: c.id,
          definitionCode: 'after_sales_csat',
          triggerRef: `demo-service:${c.id}`,
          touchpointCode: 'service_visit',
          agentId: c.ownerId ?? undefined,
        },
        { ...CSAT_COMMENTS, score: () => csat(rnd, c.active), chance: 0.6, afterDays: 1 },
      );
    }
    // The relationship NPS, asked once in the last ten months of a sample of current customers.
    if (Date.parse(c.sale) < now - 120 * DAY && rnd.chance(0.3)) {
      const sentAt = new Date(now - (20 + rnd.uniform() * 280) * DAY);
      await surveyAndMaybeAnswer(
        sentAt,
        {
          customerId: c.id,
          definitionCode: 'relationship_nps',
          triggerRef: `demo-nps:${c.id}:${sentAt.toISOString().slice(0, 7)}`,
          agentId: c.ownerId ?? undefined,
        },
        { ...NPS_COMMENTS, score: () => nps(rnd, c.active || rnd.chance(0.3)), chance: 0.5, afterDays: 3 },
      );
    }
  }
  return report;
}
