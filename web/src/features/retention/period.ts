// The period of the retention figures: the last N days. Only `from` is sent; the server ends the
// period at its own "now", so what was recorded after the page opened (a confirmation, a new
// surprise) still falls inside it.
import { useMemo } from 'react';

export type Period = { from: string };
export const PERIOD_DAYS = [30, 90, 365] as const;

export function usePeriod(days: number): Period {
  return useMemo(() => ({ from: new Date(Date.now() - days * 86_400_000).toISOString() }), [days]);
}
