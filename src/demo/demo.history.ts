// Helpers for loading history: a context whose clock stands at the moment an event happened,
// and a seeded random source for the demo's choices.
import { Random } from '../churn/models/simulate.js';
import { fixedClock } from '../platform/clock.js';
import type { Ctx } from '../platform/context.js';

/** The context as it was at `at` (services stamp times and compute deadlines from its clock). */
export function at(ctx: Ctx, when: Date | string, actor: Ctx['actor'] = ctx.actor): Ctx {
  return { ...ctx, actor, clock: fixedClock(when) };
}

export const DAY = 86_400_000;

export class DemoRandom extends Random {
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.uniform() * list.length)];
  }
  chance(p: number): boolean {
    return this.uniform() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.uniform() * (max - min + 1));
  }
}
