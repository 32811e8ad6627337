// A small per-app cache for values read on hot paths (settings, candidate lists): each app — keyed by
// its config object, so test apps and several apps in one process never share — keeps a value per
// key for at most `ttlMs`; another process sees a change within that time.
import type { Ctx } from './context.js';

export type AppCache<K, V> = {
  /** The cached value, or `load()`'s (then kept); `fresh` skips the cached value. */
  get(ctx: Pick<Ctx, 'config'>, key: K, load: () => Promise<V>, fresh?: boolean): Promise<V>;
  /** Forgets the value of `key` in this app (all keys without one). */
  invalidate(ctx: Pick<Ctx, 'config'>, key?: K): void;
};

export function appCache<K, V>(ttlMs: number): AppCache<K, V> {
  const byApp = new WeakMap<object, Map<K, { value: V; loadedAt: number }>>();
  return {
    async get(ctx, key, load, fresh = false) {
      let entries = byApp.get(ctx.config);
      if (!entries) {
        entries = new Map();
        byApp.set(ctx.config, entries);
      }
      const hit = entries.get(key);
      if (!fresh && hit && performance.now() - hit.loadedAt < ttlMs) return hit.value;
      const value = await load();
      entries.set(key, { value, loadedAt: performance.now() });
      return value;
    },
    invalidate(ctx, key) {
      if (key === undefined) byApp.delete(ctx.config);
      else byApp.get(ctx.config)?.delete(key);
    },
  };
}
