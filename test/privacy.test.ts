// GDPR coverage: every table that references a customer is named by some domain's privacy module.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('privacy coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('every table with a customer_id column is covered by a privacy module', async () => {
    const tables = await t.ctx.db.introspection.getTables();
    const withCustomer = tables
      .filter((tb) => tb.columns.some((c) => c.name === 'customer_id'))
      .map((tb) => tb.name);
    const covered = t.privacy.coveredTables();
    expect(withCustomer.length).toBeGreaterThan(1);
    expect(withCustomer.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('the customers table itself is covered', () => {
    expect(t.privacy.coveredTables().has('customers')).toBe(true);
  });
});
