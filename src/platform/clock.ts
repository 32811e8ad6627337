// Time source passed to services so tests can fix "now".
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and simulations. */
export function fixedClock(
  start: Date | string,
): Clock & { set(t: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(t) {
      current = new Date(t);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

export function iso(d: Date): string {
  return d.toISOString();
}
