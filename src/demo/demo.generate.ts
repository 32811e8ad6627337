// Generates the demo company — a car dealership with sales and after-sales service — from a seed.
// Pure: the same seed and reference date give the same company. Purchases follow a repeat-buying
// process with real drop-outs (each customer buys at their own Poisson rate and may become
// inactive after any purchase, as in the BG/NBD story), so the churn models find something.
import { Random } from '../churn/models/simulate.js';
import {
  companyStems,
  companySuffixes,
  firstNamesDe,
  firstNamesEn,
  lastNamesDe,
  lastNamesEn,
} from './demo.names.js';

const DAY = 86_400_000;

export type DemoStaff = {
  email: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
  team: string | null;
  managerEmail: string | null;
  locale: 'de' | 'en';
};
export type DemoCustomer = {
  externalRef: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: 'de' | 'en';
  customerSince: string;
  ownerEmail: string | null;
  tags: string[];
  /** The generator's truth, kept for checking the churn models against it. */
  truth: { active: boolean; ratePerWeek: number; dropout: number };
};
export type DemoPurchase = {
  externalId: string;
  customerRef: string;
  purchasedAt: string;
  amountMinor: number;
  kind: 'sale' | 'service' | 'parts';
  productCode: string;
  description: string;
};
export type DemoProduct = {
  code: string;
  nameDe: string;
  nameEn: string;
  kind: string;
  newCustomerPriceMinor: number;
  period: 'month' | 'year' | 'once';
};
export type DemoContract = {
  externalId: string;
  customerRef: string;
  productCode: string;
  priceMinor: number;
  period: 'month' | 'year';
  startedAt: string;
  renewsAt: string;
  cancelledAt: string | null;
};

export type DemoCompany = {
  name: string;
  now: string;
  teams: string[];
  staff: DemoStaff[];
  customers: DemoCustomer[];
  purchases: DemoPurchase[];
  products: DemoProduct[];
  contracts: DemoContract[];
};

export type DemoOptions = { seed?: number; customers?: number; years?: number; now?: Date };

export const demoPassword = 'stammkunde-demo';

const staff: DemoStaff[] = [
  {
    email: 'admin@autohaus-sonnenberg.de',
    name: 'Ada Adler',
    role: 'admin',
    team: null,
    managerEmail: null,
    locale: 'de',
  },
  {
    email: 'leitung@autohaus-sonnenberg.de',
    name: 'Martina Sonnenberg',
    role: 'manager',
    team: null,
    managerEmail: null,
    locale: 'de',
  },
  {
    email: 'service.leitung@autohaus-sonnenberg.de',
    name: 'Karl Brenner',
    role: 'manager',
    team: 'Service',
    managerEmail: 'leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
  {
    email: 'verkauf.leitung@autohaus-sonnenberg.de',
    name: 'Sandra Vogt',
    role: 'manager',
    team: 'Verkauf',
    managerEmail: 'leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
  {
    email: 'jana.keller@autohaus-sonnenberg.de',
    name: 'Jana Keller',
    role: 'agent',
    team: 'Service',
    managerEmail: 'service.leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
  {
    email: 'tim.berger@autohaus-sonnenberg.de',
    name: 'Tim Berger',
    role: 'agent',
    team: 'Service',
    managerEmail: 'service.leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
  {
    email: 'aylin.demir@autohaus-sonnenberg.de',
    name: 'Aylin Demir',
    role: 'agent',
    team: 'Service',
    managerEmail: 'service.leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
  {
    email: 'oliver.grant@autohaus-sonnenberg.de',
    name: 'Oliver Grant',
    role: 'agent',
    team: 'Service',
    managerEmail: 'service.leitung@autohaus-sonnenberg.de',
    locale: 'en',
  },
  {
    email: 'nina.roth@autohaus-sonnenberg.de',
    name: 'Nina Roth',
    role: 'agent',
    team: 'Verkauf',
    managerEmail: 'verkauf.leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
  {
    email: 'paul.weiss@autohaus-sonnenberg.de',
    name: 'Paul Weiß',
    role: 'agent',
    team: 'Verkauf',
    managerEmail: 'verkauf.leitung@autohaus-sonnenberg.de',
    locale: 'de',
  },
];

export const demoProducts: DemoProduct[] = [
  {
    code: 'WARTUNG-BASIS',
    nameDe: 'Wartungsvertrag Basis',
    nameEn: 'Maintenance plan basic',
    kind: 'service_contract',
    newCustomerPriceMinor: 1_990,
    period: 'month',
  },
  {
    code: 'WARTUNG-PLUS',
    nameDe: 'Wartungsvertrag Plus',
    nameEn: 'Maintenance plan plus',
    kind: 'service_contract',
    newCustomerPriceMinor: 3_490,
    period: 'month',
  },
  {
    code: 'GARANTIE-EXTRA',
    nameDe: 'Anschlussgarantie',
    nameEn: 'Extended warranty',
    kind: 'warranty',
    newCustomerPriceMinor: 29_900,
    period: 'year',
  },
  {
    code: 'REIFEN-HOTEL',
    nameDe: 'Reifeneinlagerung',
    nameEn: 'Tyre storage',
    kind: 'service_contract',
    newCustomerPriceMinor: 7_900,
    period: 'year',
  },
  {
    code: 'FZG-NEU',
    nameDe: 'Neuwagen',
    nameEn: 'New car',
    kind: 'vehicle',
    newCustomerPriceMinor: 0,
    period: 'once',
  },
  {
    code: 'FZG-GEBRAUCHT',
    nameDe: 'Gebrauchtwagen',
    nameEn: 'Used car',
    kind: 'vehicle',
    newCustomerPriceMinor: 0,
    period: 'once',
  },
  {
    code: 'INSPEKTION',
    nameDe: 'Inspektion',
    nameEn: 'Inspection',
    kind: 'service',
    newCustomerPriceMinor: 0,
    period: 'once',
  },
  {
    code: 'REPARATUR',
    nameDe: 'Reparatur',
    nameEn: 'Repair',
    kind: 'service',
    newCustomerPriceMinor: 0,
    period: 'once',
  },
  {
    code: 'TEILE',
    nameDe: 'Teile und Zubehör',
    nameEn: 'Parts and accessories',
    kind: 'parts',
    newCustomerPriceMinor: 0,
    period: 'once',
  },
];

function pick<T>(rnd: Random, list: readonly T[]): T {
  return list[Math.floor(rnd.uniform() * list.length)];
}

function dayIso(ms: number, rnd: Random): string {
  // Opening hours: purchases happen between 08:00 and 18:00 local (≈ 07–17 UTC).
  const day = Math.floor(ms / DAY) * DAY;
  return new Date(
    day + (7 + Math.floor(rnd.uniform() * 10)) * 3_600_000 + Math.floor(rnd.uniform() * 60) * 60_000,
  ).toISOString();
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function amount(rnd: Random, median: number, spread: number): number {
  return Math.max(100, Math.round((median * Math.exp(spread * rnd.normal())) / 100) * 100);
}

/** The demo company for a seed and reference date. */
export function generateDemoCompany(options: DemoOptions = {}): DemoCompany {
  const rnd = new Random(options.seed ?? 42);
  const n = options.customers ?? 5000;
  const years = options.years ?? 4;
  const now = options.now ?? new Date();
  const end = now.getTime();
  const start = end - years * 365 * DAY;
  const agents = staff.filter((s) => s.role === 'agent');
  const customers: DemoCustomer[] = [];
  const purchases: DemoPurchase[] = [];
  const contracts: DemoContract[] = [];
  let purchaseNo = 0;

  for (let i = 0; i < n; i++) {
    const en = rnd.uniform() < 0.08;
    const business = rnd.uniform() < 0.06;
    const first = en ? pick(rnd, firstNamesEn) : pick(rnd, firstNamesDe);
    const last = en ? pick(rnd, lastNamesEn) : pick(rnd, lastNamesDe);
    const name = business
      ? `${pick(rnd, companyStems)} ${last} ${pick(rnd, companySuffixes)}`
      : `${first} ${last}`;
    const externalRef = `KD-${String(10_000 + i)}`;
    // Acquisition spread over the years, a little more in recent years (the dealership grows).
    const sinceMs = start + (end - start - 14 * DAY) * Math.sqrt(rnd.uniform());
    const ratePerWeek = rnd.gamma(1.6, 60); // mean ≈ 0.027 purchases/week ≈ 1.4 a year
    const dropout = rnd.beta(1.2, 7); // mean ≈ 0.15 chance of leaving after each purchase
    const hasEmail = rnd.uniform() < 0.9;
    customers.push({
      externalRef,
      name,
      email: hasEmail
        ? `${slug(business ? `${last}.${i}` : `${first}.${last}.${i}`)}@example.${en ? 'com' : 'de'}`
        : null,
      phone:
        rnd.uniform() < 0.8
          ? `+49 ${30 + Math.floor(rnd.uniform() * 900)} ${1_000_000 + Math.floor(rnd.uniform() * 8_999_999)}`
          : null,
      locale: en ? 'en' : 'de',
      customerSince: dayIso(sinceMs, rnd),
      ownerEmail: rnd.uniform() < 0.85 ? pick(rnd, agents).email : null,
      tags: business ? ['gewerbe'] : rnd.uniform() < 0.1 ? ['newsletter'] : [],
      truth: { active: true, ratePerWeek, dropout },
    });
    const c = customers[customers.length - 1];

    // First purchase: the car, the reason they became a customer.
    const used = rnd.uniform() < 0.55;
    purchases.push({
      externalId: `P-${++purchaseNo}`,
      customerRef: externalRef,
      purchasedAt: c.customerSince,
      amountMinor: used ? amount(rnd, 1_800_000, 0.45) : amount(rnd, 3_900_000, 0.35),
      kind: 'sale',
      productCode: used ? 'FZG-GEBRAUCHT' : 'FZG-NEU',
      description: used ? 'Gebrauchtwagen' : 'Neuwagen',
    });
    // Repeat purchases: exponential gaps at the customer's rate; after each, a chance to leave.
    let t = Date.parse(c.customerSince);
    for (;;) {
      t += (rnd.exponential(ratePerWeek) * 7 + 1) * DAY;
      if (t >= end - DAY) break;
      if (rnd.uniform() < dropout) {
        c.truth.active = false;
        break;
      }
      const u = rnd.uniform();
      const kind = u < 0.62 ? 'service' : u < 0.95 ? 'parts' : 'sale';
      const [productCode, description, minor] =
        kind === 'service'
          ? rnd.uniform() < 0.6
            ? ['INSPEKTION', 'Inspektion', amount(rnd, 38_000, 0.35)]
            : ['REPARATUR', 'Reparatur', amount(rnd, 72_000, 0.7)]
          : kind === 'parts'
            ? ['TEILE', 'Teile und Zubehör', amount(rnd, 9_000, 0.8)]
            : ['FZG-GEBRAUCHT', 'Gebrauchtwagen', amount(rnd, 2_200_000, 0.4)];
      purchases.push({
        externalId: `P-${++purchaseNo}`,
        customerRef: externalRef,
        purchasedAt: dayIso(t, rnd),
        amountMinor: minor,
        kind,
        productCode,
        description,
      });
    }

    // Service contracts: a third sign one at purchase; old contracts kept the old, higher price.
    if (rnd.uniform() < 0.33) {
      const plus = rnd.uniform() < 0.4;
      const product = demoProducts.find((p) => p.code === (plus ? 'WARTUNG-PLUS' : 'WARTUNG-BASIS'))!;
      const startedMs = Date.parse(c.customerSince);
      const ageYears = (end - startedMs) / (365 * DAY);
      const markup = ageYears > 2 ? 1 + Math.min(0.45, 0.12 * ageYears) : 1;
      const cancelled = !c.truth.active && rnd.uniform() < 0.6;
      const renews = new Date(startedMs);
      while (renews.getTime() < end) renews.setUTCFullYear(renews.getUTCFullYear() + 1);
      contracts.push({
        externalId: `V-${10_000 + i}`,
        customerRef: externalRef,
        productCode: product.code,
        priceMinor: Math.round((product.newCustomerPriceMinor * markup) / 10) * 10,
        period: 'month',
        startedAt: c.customerSince,
        renewsAt: renews.toISOString(),
        cancelledAt: cancelled ? dayIso(Math.min(end - DAY, t + 30 * DAY), rnd) : null,
      });
    }
  }
  purchases.sort((a, b) => a.purchasedAt.localeCompare(b.purchasedAt));
  return {
    name: 'Autohaus Sonnenberg GmbH',
    now: now.toISOString(),
    teams: ['Service', 'Verkauf'],
    staff,
    customers,
    purchases,
    products: demoProducts,
    contracts,
  };
}
