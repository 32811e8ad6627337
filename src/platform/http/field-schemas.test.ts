// The shared field schemas: instants with any offset, periods compared as instants, currencies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { currency, fromBeforeTo, isoDateTime } from './field-schemas.js';

const period = z.object({ from: isoDateTime, to: isoDateTime }).superRefine(fromBeforeTo);

describe('field schemas', () => {
  it('accepts a period whose from, written with +02:00, is an hour before its to in Z', () => {
    // 10:00+02:00 is 08:00Z, before 09:00Z, although the string "…T10" sorts after "…T09".
    const got = period.parse({ from: '2026-03-02T10:00:00+02:00', to: '2026-03-02T09:00:00Z' });
    expect(got).toEqual({ from: '2026-03-02T08:00:00.000Z', to: '2026-03-02T09:00:00.000Z' });
  });

  it('refuses a reversed period with an error on to', () => {
    const r = period.safeParse({ from: '2026-03-02T09:00:00Z', to: '2026-03-02T10:00:00+02:00' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
  });

  it('refuses an empty period (from equal to to, written differently)', () => {
    expect(period.safeParse({ from: '2026-03-02T10:00:00+02:00', to: '2026-03-02T08:00:00Z' }).success).toBe(
      false,
    );
  });

  it('refuses a time without an offset, and text that is no time, with an issue (not a throw)', () => {
    expect(isoDateTime.safeParse('2026-03-02T10:00:00').success).toBe(false);
    expect(isoDateTime.safeParse('tomorrow').success).toBe(false);
    expect(isoDateTime.safeParse('2026-02-30T10:00:00Z').success).toBe(false);
  });

  it('accepts currencies Intl knows and refuses others', () => {
    expect(['EUR', 'JPY', 'KWD'].map((c) => currency.safeParse(c).success)).toEqual([true, true, true]);
    expect(['eur', 'EURO', 'ABC', ''].map((c) => currency.safeParse(c).success)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('period queries through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-10T09:00:00.000Z' });
  });
  afterAll(() => t.close());

  const url = (from: string, to: string) =>
    `/api/v1/metrics/cases?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  it('accepts from=2026-03-02T10:00:00+02:00&to=2026-03-02T09:00:00Z', async () => {
    const res = await t.request('manager', 'GET', url('2026-03-02T10:00:00+02:00', '2026-03-02T09:00:00Z'));
    expect(res.status).toBe(200);
  });

  it('refuses a reversed period with a field error naming to', async () => {
    const res = await t.request('manager', 'GET', url('2026-03-02T09:00:00Z', '2026-03-02T10:00:00+02:00'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'querystring.to' })]);
  });
});
