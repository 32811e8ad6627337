// Company settings (thresholds, limits, business hours), stored as validated JSON per key.
import type { z } from 'zod';
import { type Ctx, nowIso } from './context.js';
import { recordAudit } from './audit/audit.service.js';

/** The stored value of a setting, or the default when none is stored or it no longer validates. */
export async function getSetting<T extends z.ZodTypeAny>(
  ctx: Ctx,
  key: string,
  schema: T,
  fallback: z.infer<T>,
): Promise<z.infer<T>> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

/** Validates and stores a setting; the change is audited (a secret's value never enters the log). */
export async function setSetting<T extends z.ZodTypeAny>(
  ctx: Ctx,
  key: string,
  schema: T,
  value: unknown,
  options: { secret?: boolean } = {},
): Promise<z.infer<T>> {
  const data = schema.parse(value);
  const before = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  const json = JSON.stringify(data);
  await ctx.db
    .insertInto('settings')
    .values({ key, value: json, updated_at: nowIso(ctx) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: nowIso(ctx) }))
    .execute();
  await recordAudit(ctx, {
    entityType: 'setting',
    entityId: key,
    action: 'update',
    changes: options.secret
      ? { value: { before: before ? '(secret)' : null, after: '(secret)' } }
      : { value: { before: before ? JSON.parse(before.value) : null, after: data } },
  });
  return data;
}
