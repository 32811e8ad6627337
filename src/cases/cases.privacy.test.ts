// The case domain in the GDPR export and erasure: what the customer wrote is exported, then erased.
import { beforeAll, describe, expect, it } from 'vitest';
import { useCaseApp } from '../../test/helpers/case-kit.js';
import type { TestApp } from '../../test/helpers/test-app.js';

describe('complaint cases: privacy', () => {
  const kit = useCaseApp();
  const { customer, openCase } = kit;
  let t: TestApp;
  beforeAll(() => {
    t = kit.app();
  });

  it('exports the cases of a customer and erases the texts they wrote', async () => {
    const c = await customer({ name: 'Forget Case' });
    const k = await openCase({
      customerId: c.id,
      requestedRemedy: 'Geld zurück',
      points: [{ text: 'Mein Nachbar Herr Meier hat das gesehen.' }],
    });
    const exp = await t.request('admin', 'GET', `/api/v1/customers/${c.id}/export`);
    expect(exp.body.data.cases.cases[0].points[0].text).toContain('Herr Meier');
    expect((await t.request('admin', 'POST', `/api/v1/customers/${c.id}/erase`)).status).toBe(204);
    const after = await t.request('admin', 'GET', `/api/v1/cases/${k.id}`);
    expect(after.body.description).toBe('[erased]');
    expect(after.body.points[0].text).toBe('[erased]');
    expect(after.body.requestedRemedy).toBeNull();
  });
});
