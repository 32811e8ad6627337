import { describe, expect, it } from 'vitest';
import { generateDemoCompany } from './demo.generate.js';

const now = new Date('2026-11-01T12:00:00Z');

describe('demo company generator', () => {
  it('gives the same company for the same seed', () => {
    const a = generateDemoCompany({ seed: 7, customers: 300, now });
    const b = generateDemoCompany({ seed: 7, customers: 300, now });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('gives a different company for another seed', () => {
    const a = generateDemoCompany({ seed: 7, customers: 300, now });
    const b = generateDemoCompany({ seed: 8, customers: 300, now });
    expect(a.purchases.length === b.purchases.length && a.customers[0].name === b.customers[0].name).toBe(
      false,
    );
  });

  it('has customers over four years, repeat buyers, and real drop-outs', () => {
    const c = generateDemoCompany({ seed: 42, customers: 5000, now });
    expect(c.customers).toHaveLength(5000);
    const since = c.customers.map((x) => Date.parse(x.customerSince));
    expect(Math.min(...since)).toBeGreaterThanOrEqual(Date.parse('2022-11-01'));
    const perCustomer = new Map<string, number>();
    for (const p of c.purchases) perCustomer.set(p.customerRef, (perCustomer.get(p.customerRef) ?? 0) + 1);
    const repeaters = [...perCustomer.values()].filter((n) => n > 1).length;
    expect(repeaters / 5000).toBeGreaterThan(0.4);
    const inactive = c.customers.filter((x) => !x.truth.active).length;
    expect(inactive / 5000).toBeGreaterThan(0.15);
    expect(inactive / 5000).toBeLessThan(0.8);
    expect(c.purchases.every((p) => p.purchasedAt <= c.now)).toBe(true);
  });

  it('prices some long-running contracts above the new-customer price', () => {
    const c = generateDemoCompany({ seed: 42, customers: 2000, now });
    const price = new Map(c.products.map((p) => [p.code, p.newCustomerPriceMinor]));
    const over = c.contracts.filter((k) => k.priceMinor > price.get(k.productCode)!);
    expect(c.contracts.length).toBeGreaterThan(400);
    expect(over.length).toBeGreaterThan(50);
    expect(over.length).toBeLessThan(c.contracts.length);
  });
});
