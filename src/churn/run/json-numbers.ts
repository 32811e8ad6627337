// Fitted numbers as a run stores them in JSON: a non-finite value (no estimate) becomes null.

export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export function cleanRecord(r: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, finiteOrNull(v)]));
}
