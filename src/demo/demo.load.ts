// Loads the generated demo company into a database through the domains' services.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { runChurnScoring } from '../churn/run/churn-run.js';
import { createCustomer, recordConsent, resolveCustomerRefs } from '../customers/customers.service.js';
import { cancelContract, createContract } from '../products/contracts.service.js';
import { createProduct } from '../products/products.service.js';
import { importPurchases } from '../purchases/purchases.import.js';
import { confirmLost } from '../retention/lost-customers.service.js';
import { logSurprise } from '../retention/surprises.service.js';
import { loadDemoCases } from './demo.cases.js';
import { loadDemoFeedback } from './demo.feedback.js';
import { at, DAY, DemoRandom } from './demo.history.js';
import {
  actorOfUser,
  createTeam,
  createUser,
  listUsers,
  updateUser,
} from '../platform/auth/users.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { z } from 'zod';
import { type DemoCompany, demoPassword } from './demo.generate.js';

export type DemoLoadReport = Record<string, number>;

const DEMO_KEY = 'demo.loaded';

/** Whether a demo company was loaded into this database already. */
export async function demoLoaded(ctx: Ctx): Promise<boolean> {
  return (await getSetting(ctx, DEMO_KEY, z.object({ at: z.string() }).nullable(), null)) !== null;
}

/** Loads staff and customers; each later step adds its own domain's demo data. */
export async function loadDemoCompany(
  ctx: Ctx,
  company: DemoCompany,
  log: (line: string) => void = () => {},
  options: { sqlite?: SQLite.Database; seed?: number } = {},
): Promise<DemoLoadReport> {
  const rnd = new DemoRandom((options.seed ?? 42) + 1);
  const report: DemoLoadReport = {};
  const userIds = new Map<string, string>();
  await inTransaction(ctx, async (tx) => {
    const teamIds = new Map<string, string>();
    for (const name of company.teams) teamIds.set(name, (await createTeam(tx, name)).id);
    for (const s of company.staff) {
      const u = await createUser(tx, {
        email: s.email,
        name: s.name,
        role: s.role,
        locale: s.locale,
        password: demoPassword,
        teamId: s.team ? teamIds.get(s.team) : null,
      });
      userIds.set(s.email, u.id);
    }
    for (const s of company.staff) {
      if (s.managerEmail)
        await updateUser(tx, userIds.get(s.email)!, { managerId: userIds.get(s.managerEmail)! });
    }
  });
  report.staff = company.staff.length;
  log(`staff: ${company.staff.length} users in ${company.teams.length} teams`);

  await inTransaction(ctx, async (tx) => {
    for (const c of company.customers) {
      await createCustomer(tx, {
        externalRef: c.externalRef,
        number: c.externalRef,
        name: c.name,
        email: c.email,
        phone: c.phone,
        locale: c.locale,
        customerSince: c.customerSince,
        ownerId: c.ownerEmail ? userIds.get(c.ownerEmail) : null,
        tags: c.tags,
      });
    }
  });
  report.customers = company.customers.length;
  log(`customers: ${company.customers.length}`);

  const customerIds = new Map<string, string>();
  const refs = await resolveCustomerRefs(
    ctx,
    company.customers.map((c) => c.externalRef),
  );
  for (const c of company.customers) customerIds.set(c.externalRef, refs.get(c.externalRef)!);

  // Consent: most customers under the existing-customer exception, some opted in, a few objected.
  await inTransaction(ctx, async (tx) => {
    for (const c of company.customers) {
      if (!c.email) continue;
      const u = rnd.uniform();
      const basis = u < 0.8 ? 'existing_customer' : u < 0.95 ? 'opt_in' : null;
      const id = customerIds.get(c.externalRef)!;
      if (basis)
        await recordConsent(at(tx, c.customerSince), id, {
          channel: 'email',
          purpose: 'surveys',
          basis,
          status: 'given',
          source:
            basis === 'opt_in'
              ? 'Kaufvertrag, Einwilligung angekreuzt'
              : 'Kaufvertrag, Hinweis auf Widerspruchsrecht',
          at: c.customerSince,
        });
      if (basis && rnd.chance(0.03))
        await recordConsent(tx, id, {
          channel: 'email',
          purpose: 'surveys',
          basis: 'objection',
          status: 'withdrawn',
          source: 'Anruf beim Kundendienst',
        });
    }
  });
  log('consent records: e-mail surveys');

  const productIds = new Map<string, string>();
  await inTransaction(ctx, async (tx) => {
    const kind = (k: string) =>
      k === 'vehicle'
        ? 'product'
        : k === 'service_contract' || k === 'warranty'
          ? 'subscription'
          : k === 'parts'
            ? 'parts'
            : 'service';
    for (const p of company.products) {
      const created = await createProduct(tx, {
        code: p.code,
        name: { de: p.nameDe, en: p.nameEn },
        kind: kind(p.kind),
        currency: 'EUR',
        newCustomerPriceMinor: p.newCustomerPriceMinor,
        billingPeriod: p.period,
      });
      productIds.set(p.code, created.id);
    }
  });
  report.products = company.products.length;

  await inTransaction(ctx, async (tx) => {
    for (const k of company.contracts) {
      const customerId = customerIds.get(k.customerRef)!;
      const { contract } = await createContract(at(tx, k.startedAt), {
        externalId: k.externalId,
        customerId,
        productCode: k.productCode,
        priceMinor: k.priceMinor,
        currency: 'EUR',
        billingPeriod: k.period,
        startedAt: k.startedAt,
        renewsAt: k.renewsAt,
      });
      if (k.cancelledAt)
        await cancelContract(at(tx, k.cancelledAt), contract.id, {
          reason: 'Kunde hat gekündigt',
          at: k.cancelledAt,
        });
    }
  });
  report.contracts = company.contracts.length;
  log(`products: ${company.products.length}, contracts: ${company.contracts.length}`);

  // Purchases go through the real importer, as a company's ERP export would.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-demo-')), 'purchases.csv');
  const lines = [
    'external_id,customer_ref,purchased_at,amount_minor,currency,kind,product_code,quantity,description',
  ];
  for (const p of company.purchases)
    lines.push(
      [
        p.externalId,
        p.customerRef,
        p.purchasedAt,
        p.amountMinor,
        'EUR',
        p.kind,
        p.productCode,
        1,
        p.description,
      ].join(','),
    );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const imported = await importPurchases(ctx, {
    file,
    format: 'csv',
    skipInvalid: false,
    sqlite: options.sqlite,
  });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  if (!imported.imported)
    throw new Error(`demo purchases were rejected: ${JSON.stringify(imported.rejectedRows.slice(0, 3))}`);
  report.purchases = imported.created;
  log(`purchases: ${imported.created} imported`);

  const byRef = new Map(company.customers.map((c) => [c.externalRef, c]));
  const history = new Map<string, { sale: string; services: string[] }>();
  for (const p of company.purchases) {
    const h = history.get(p.customerRef) ?? { sale: p.purchasedAt, services: [] };
    if (p.kind === 'service') h.services.push(p.purchasedAt);
    history.set(p.customerRef, h);
  }
  const feedbackCustomers = [...history.entries()].map(([ref, h]) => {
    const c = byRef.get(ref)!;
    return {
      id: customerIds.get(ref)!,
      active: c.truth.active,
      ownerId: c.ownerEmail ? (userIds.get(c.ownerEmail) ?? null) : null,
      ...h,
    };
  });
  const feedback = await loadDemoFeedback(ctx, feedbackCustomers, (options.seed ?? 42) + 2);
  Object.assign(report, feedback);
  log(
    `feedback: ${feedback.interactions} service visits, ${feedback.surveysSent} surveys sent, ${feedback.answers} answered`,
  );

  const caseCustomers = company.customers
    .filter((c) => c.email && (c.truth.active || rnd.chance(0.5)))
    .map((c) => ({ id: customerIds.get(c.externalRef)!, locale: c.locale }));
  const cases = await loadDemoCases(ctx, caseCustomers, 180, (options.seed ?? 42) + 3);
  report.cases = cases.cases;
  log(
    `cases: ${cases.cases} (${Object.entries(cases.byState)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  );

  // Positive surprises in the last weeks, logged by the agents.
  const agents = company.staff.filter((s) => s.role === 'agent');
  const staffByEmail = new Map((await listUsers(ctx)).map((u) => [u.email, u]));
  const now = ctx.clock.now().getTime();
  const whats = [
    'Scheibenwischer kostenlos getauscht',
    'Auto nach dem Service gewaschen',
    'Geburtstagskarte mit Gutschein',
    'Ersatzwagen ohne Aufpreis',
  ];
  for (let i = 0; i < 60; i++) {
    const s = rnd.pick(agents);
    const actor = actorOfUser(staffByEmail.get(s.email)!);
    const c = rnd.pick(feedbackCustomers);
    await logSurprise(at(ctx, new Date(now - rnd.uniform() * 21 * DAY), actor), {
      customerId: c.id,
      what: rnd.pick(whats),
      costMinor: rnd.pick([0, 500, 1500]),
      currency: 'EUR',
    });
  }
  report.surprises = 60;

  // The churn early warning on the company's own purchases.
  const run = await runChurnScoring(ctx, { unit: 'week' });
  report.churnScored = run.customers ?? 0;
  log(`churn: model ${run.model}, ${run.customers ?? '?'} customers scored`);

  // Some customers who cancelled everything were confirmed lost by a manager.
  const managerActor = actorOfUser(staffByEmail.get('leitung@autohaus-sonnenberg.de')!);
  let lost = 0;
  for (const k of company.contracts.filter((x) => x.cancelledAt).slice(0, 40)) {
    await confirmLost(at(ctx, new Date(Math.min(now, Date.parse(k.cancelledAt!) + 7 * DAY)), managerActor), {
      customerId: customerIds.get(k.customerRef)!,
      source: 'cancellation',
      reasonCode: rnd.pick(['price', 'service', 'moved', 'competitor']),
    });
    lost++;
  }
  report.lost = lost;
  log(`lost customers confirmed: ${lost}`);

  await setSetting(ctx, DEMO_KEY, z.object({ at: z.string() }), { at: ctx.clock.now().toISOString() });
  return report;
}
