// What the customer's status page shows and does: the case's points with the answers given so
// far, the commitments with their due dates and the owner's name; a reply written there becomes an
// inbound message of the case (and so resumes or reopens it by the usual rules). Reading changes nothing.
import type { Ctx } from '../platform/context.js';
import { getCompanyTimeZone } from '../platform/time/index.js';
import { addMessage } from './case-messages.service.js';
import { confirmCase } from './case-public-form.service.js';
import { findStatusToken, type StatusToken } from './case-status-tokens.js';
import { getCase } from './cases.service.js';
import type { Case } from './cases.schema.js';

export type StatusView = {
  reference: string;
  lang: 'de' | 'en';
  status: Case['status'];
  receivedAt: string;
  resolutionDueAt: string | null;
  ownerName: string | null;
  verification: Case['verification'];
  points: Array<{ position: number; text: string; answer: string | null; answeredAt: string | null }>;
  commitments: Array<{ description: string; dueAt: string; fulfilledAt: string | null }>;
  timeZone: string;
};

export type StatusLookup =
  | { kind: 'invalid' }
  | { kind: 'expired'; lang: 'de' | 'en' }
  | { kind: 'ok'; token: StatusToken; view: StatusView };

/** The case behind a status link, as the customer may see it; invalid or expired links say so. */
export async function readStatus(ctx: Ctx, token: string): Promise<StatusLookup> {
  const found = await findStatusToken(ctx, token);
  if (!found) return { kind: 'invalid' };
  const c = await getCase(ctx, found.caseId);
  if (found.expired) return { kind: 'expired', lang: c.lang };
  return {
    kind: 'ok',
    token: found,
    view: {
      reference: c.reference,
      lang: c.lang,
      status: c.status,
      receivedAt: c.receivedAt,
      resolutionDueAt: c.resolutionDueAt,
      ownerName: c.ownerName,
      verification: c.verification,
      points: c.points.map((p) => ({
        position: p.position,
        text: p.text,
        answer: p.answer,
        answeredAt: p.answeredAt,
      })),
      commitments: c.commitments.map((k) => ({
        description: k.description,
        dueAt: k.dueAt,
        fulfilledAt: k.fulfilledAt,
      })),
      timeZone: await getCompanyTimeZone(ctx),
    },
  };
}

/** The customer's message from the status page: an inbound web message of the case. */
export async function replyFromStatusPage(ctx: Ctx, token: StatusToken, text: string): Promise<void> {
  await addMessage(ctx, token.caseId, { direction: 'in', channel: 'web', body: text });
}

/** The customer confirms through the link that the form complaint is theirs. */
export async function confirmFromStatusPage(ctx: Ctx, token: StatusToken): Promise<void> {
  await confirmCase(ctx, token.caseId);
}
