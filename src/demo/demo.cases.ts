// Demo complaints in every state, worked through the cases service with the clock of each step.
import { addCommitment, fulfilCommitment } from '../cases/case-commitments.service.js';
import { addGoodwill } from '../cases/case-goodwill.service.js';
import { sendLetter } from '../cases/case-letter.js';
import { addMessage } from '../cases/case-messages.service.js';
import { createCase } from '../cases/case-intake.service.js';
import { closeCase, reopenCase, resolveCase } from '../cases/case-lifecycle.service.js';
import { answerPoint } from '../cases/case-points.service.js';
import { updateCase } from '../cases/case-update.service.js';
import type { Ctx } from '../platform/context.js';
import { actorOfUser, getUser } from '../platform/auth/users.service.js';
import { at, DAY, DemoRandom } from './demo.history.js';

type Complaint = {
  subject: string;
  points: string[];
  remedy: string;
  touchpoint: string;
  cause: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
};

const complaintsDe: Complaint[] = [
  {
    subject: 'Tankfüllung nicht erstattet',
    points: [
      'Mir wurde die Erstattung der Tankdifferenz zugesagt, sie ist nie gekommen.',
      'Das Fahrzeug war bei der Übergabe verschmutzt und das Wischwasser leer.',
    ],
    remedy: 'Erstattung von 48 €',
    touchpoint: 'delivery',
    cause: 'promise_not_kept',
    severity: 'medium',
  },
  {
    subject: 'Inspektion zu teuer',
    points: ['Die Rechnung liegt 180 € über dem Kostenvoranschlag, ohne dass mich jemand angerufen hat.'],
    remedy: 'Korrektur der Rechnung',
    touchpoint: 'billing',
    cause: 'billing_error',
    severity: 'medium',
  },
  {
    subject: 'Bremsen quietschen weiter',
    points: [
      'Die Bremsen quietschen nach der Reparatur genauso wie vorher.',
      'Ich musste zweimal anrufen, bis mich jemand zurückgerufen hat.',
    ],
    remedy: 'Kostenlose Nachbesserung',
    touchpoint: 'service_visit',
    cause: 'workmanship',
    severity: 'high',
  },
  {
    subject: 'Termin nicht eingehalten',
    points: ['Mein Auto war zum vereinbarten Termin nicht fertig, ich habe einen Tag Urlaub verloren.'],
    remedy: 'Ersatzwagen beim nächsten Mal',
    touchpoint: 'service_visit',
    cause: 'delivery_delay',
    severity: 'medium',
  },
  {
    subject: 'Unfreundlich an der Hotline',
    points: [
      'Der Mitarbeiter an der Hotline war unfreundlich und hat einfach aufgelegt. Eine Unverschämtheit!',
    ],
    remedy: 'Entschuldigung',
    touchpoint: 'hotline',
    cause: 'staff_behaviour',
    severity: 'high',
  },
  {
    subject: 'Ersatzteil seit Wochen nicht da',
    points: [
      'Das bestellte Ersatzteil ist seit drei Wochen nicht geliefert.',
      'Niemand informiert mich über den Stand.',
    ],
    remedy: 'Verbindlicher Liefertermin',
    touchpoint: 'parts_counter',
    cause: 'parts_availability',
    severity: 'medium',
  },
  {
    subject: 'Zum dritten Mal derselbe Fehler',
    points: [
      'Zum dritten Mal leuchtet dieselbe Warnlampe, obwohl sie angeblich repariert wurde. Wenn das so weitergeht, kündige ich den Wartungsvertrag!',
    ],
    remedy: 'Dauerhafte Reparatur',
    touchpoint: 'service_visit',
    cause: 'workmanship',
    severity: 'critical',
  },
  {
    subject: 'Kratzer nach Waschanlage',
    points: ['Nach der Fahrzeugwäsche beim Service hat der Lack Kratzer auf der Motorhaube.'],
    remedy: 'Lackausbesserung',
    touchpoint: 'service_visit',
    cause: 'cleanliness',
    severity: 'medium',
  },
];
const complaintsEn: Complaint[] = [
  {
    subject: 'Refund for fuel never arrived',
    points: [
      'I was promised a refund of the fuel difference and it never came.',
      'The car was dirty and the washer fluid was empty.',
    ],
    remedy: 'Refund of 48 EUR',
    touchpoint: 'delivery',
    cause: 'promise_not_kept',
    severity: 'medium',
  },
  {
    subject: 'Invoice higher than quoted',
    points: ['The invoice is 150 EUR above the quote and nobody called me. This is unacceptable.'],
    remedy: 'Corrected invoice',
    touchpoint: 'billing',
    cause: 'billing_error',
    severity: 'medium',
  },
  {
    subject: 'Nobody calls back',
    points: ['I have called three times about my warranty claim and nobody has called me back.'],
    remedy: 'A call back this week',
    touchpoint: 'hotline',
    cause: 'communication',
    severity: 'high',
  },
];

const answersDe = [
  'Sie haben recht, das hätte nicht passieren dürfen. Wir haben den Betrag erstattet.',
  'Wir haben den Fehler nachgebessert und ein zweites Mal geprüft.',
  'Wir haben die Rechnung korrigiert und die Differenz gutgeschrieben.',
  'Wir haben mit dem Kollegen gesprochen und das Gespräch mit Ihnen nachgeholt.',
];
const answersEn = [
  'You are right, this should not have happened. We have refunded the amount.',
  'We have fixed the fault and checked it a second time.',
  'We corrected the invoice and credited the difference.',
];

export type DemoCasesReport = { cases: number; byState: Record<string, number> };

/**
 * Creates complaints over the last nine months for customers who bought something: most closed with
 * a letter, some resolved, open, waiting for the customer, new, reopened, escalated.
 */
export async function loadDemoCases(
  ctx: Ctx,
  customers: Array<{ id: string; locale: string }>,
  count: number,
  seed: number,
): Promise<DemoCasesReport> {
  const rnd = new DemoRandom(seed);
  const now = ctx.clock.now().getTime();
  const byState: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const customer = rnd.pick(customers);
    const en = customer.locale === 'en';
    const c = rnd.pick(en ? complaintsEn : complaintsDe);
    const u = rnd.uniform();
    const state =
      u < 0.45
        ? 'closed'
        : u < 0.55
          ? 'resolved'
          : u < 0.7
            ? 'open'
            : u < 0.8
              ? 'waiting_customer'
              : u < 0.92
                ? 'new'
                : 'reopened';
    const recent = state === 'new' || state === 'open' || state === 'waiting_customer';
    const received = now - (recent ? rnd.uniform() * 10 * DAY : (14 + rnd.uniform() * 260) * DAY);
    const created = await createCase(at(ctx, new Date(received)), {
      customerId: customer.id,
      channel: rnd.pick(['email', 'phone', 'web', 'letter'] as const),
      touchpointCode: c.touchpoint,
      subject: c.subject,
      points: c.points.map((text) => ({ text })),
      requestedRemedy: c.remedy,
      severity: c.severity,
      receivedAt: new Date(received).toISOString(),
    });
    byState[state] = (byState[state] ?? 0) + 1;
    if (state === 'new') continue;
    const owner = created.ownerId ? await getUser(ctx, created.ownerId) : null;
    const staff: Ctx['actor'] = owner ? actorOfUser(owner) : ctx.actor;
    let t = received + (2 + rnd.uniform() * 20) * 3_600_000;
    await addMessage(at(ctx, new Date(t), staff), created.id, {
      direction: 'out',
      body: en
        ? 'Thank you for telling us. I am looking into it personally and will get back to you.'
        : 'Vielen Dank für Ihre Nachricht. Ich kümmere mich persönlich darum und melde mich bei Ihnen.',
    });
    if (state === 'open') {
      if (created.points.length > 1)
        await answerPoint(at(ctx, new Date(t), staff), created.id, created.points[0].id, {
          answer: rnd.pick(en ? answersEn : answersDe),
          outcome: 'resolved',
        });
      continue;
    }
    if (state === 'waiting_customer') {
      await updateCase(at(ctx, new Date(t), staff), created.id, { status: 'waiting_customer' });
      continue;
    }
    t += (1 + rnd.uniform() * 4) * DAY;
    const step = at(ctx, new Date(t), staff);
    for (const p of created.points) {
      await answerPoint(step, created.id, p.id, {
        answer: rnd.pick(en ? answersEn : answersDe),
        outcome: rnd.pick(['resolved', 'resolved', 'partially', 'explained'] as const),
        rootCauseCode: c.cause,
      });
    }
    await updateCase(step, created.id, {
      apology: en ? 'We are sorry that we let you down.' : 'Es tut uns leid, dass wir Sie enttäuscht haben.',
      rootCauseCode: c.cause,
      rootCauseAnalysis: en
        ? 'The handover checklist was not used.'
        : 'Die Übergabe-Checkliste wurde nicht benutzt.',
      preventiveAction: en
        ? 'The checklist is now signed by the customer at handover.'
        : 'Die Checkliste wird jetzt bei der Übergabe vom Kunden gegengezeichnet.',
    });
    if (rnd.chance(0.5)) {
      const commitment = await addCommitment(step, created.id, {
        kind: 'refund',
        description: c.remedy,
        dueAt: new Date(t + 5 * DAY).toISOString(),
        amountMinor: 4_800,
        currency: 'EUR',
      });
      if (state !== 'resolved' || rnd.chance(0.5))
        await fulfilCommitment(at(ctx, new Date(t + 2 * DAY), staff), created.id, commitment.id, {});
    }
    if (rnd.chance(0.6)) {
      await addGoodwill(step, created.id, {
        kind: rnd.pick(['voucher', 'credit', 'gift'] as const),
        amountMinor: rnd.pick([2_000, 2_500, 5_000, 7_500]),
        currency: 'EUR',
        description: en ? 'Voucher for the next service' : 'Gutschein für den nächsten Service',
      });
    }
    t += 3 * DAY;
    const later = at(ctx, new Date(t), staff);
    await resolveCase(later, created.id);
    await sendLetter(later, created.id);
    if (state === 'resolved') continue;
    try {
      await closeCase(at(ctx, new Date(t + DAY), staff), created.id, {
        callbackOutcome: en
          ? 'Called the customer back; they accept the solution.'
          : 'Kunden zurückgerufen; er ist mit der Lösung einverstanden.',
      });
    } catch {
      byState.closed--;
      byState.resolved = (byState.resolved ?? 0) + 1;
      continue;
    }
    if (state === 'reopened') {
      await reopenCase(
        at(ctx, new Date(t + 3 * DAY), staff),
        created.id,
        en ? 'The customer says the problem is back.' : 'Der Kunde meldet, dass das Problem wieder auftritt.',
        { escalate: true },
      );
    }
  }
  return { cases: count, byState };
}
