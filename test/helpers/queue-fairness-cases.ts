// The queue-fairness fixture shared by src/retention/queue-fairness.test.ts and the retention browser
// test: on Monday 2 March 2026 (business hours 08:00–17:00 Berlin) five complaints are received that
// morning and first answered later. Over 10 years: acknowledgement 90 min (p90 114), first response 210
// (p90 234); under 1 year 30 / 90; 3–10 years first response 40; prospects first response 50.

/** name, customer since, status, received (UTC), first reply (UTC). */
export const QUEUE_FAIRNESS_CASES = [
  ['Gisela Lang', '2010-01-01T00:00:00Z', 'active', '2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z'],
  ['Gustav Lang', '2012-01-01T00:00:00Z', 'active', '2026-03-02T09:00:00Z', '2026-03-02T12:00:00Z'],
  ['Nina Neu', '2025-09-01T00:00:00Z', 'active', '2026-03-02T09:30:00Z', '2026-03-02T11:00:00Z'],
  ['Paul Interessent', '2026-02-01T00:00:00Z', 'prospect', '2026-03-02T09:40:00Z', '2026-03-02T10:30:00Z'],
  ['Mia Mittel', '2021-01-01T00:00:00Z', 'active', '2026-03-02T09:50:00Z', '2026-03-02T10:30:00Z'],
] as const;
