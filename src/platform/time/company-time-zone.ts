// The company's time zone, a company setting (key `company`) an admin changes through the API.
// Every local day, week, month and schedule of the app is read in it.
import { z } from 'zod';
import { appCache } from '../app-cache.js';
import type { Ctx } from '../context.js';
import { getSetting, setSetting } from '../settings.service.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE, isTimeZone } from './local-time.js';

const SETTINGS_KEY = 'company';

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'not an IANA time zone (e.g. Europe/Berlin)', abort: true })
  .overwrite(canonicalTimeZone)
  .describe('IANA time zone, e.g. Europe/Berlin');

export const companySettingsSchema = z.object({ timeZone: timeZoneSchema });
export type CompanySettings = z.infer<typeof companySettingsSchema>;

export const defaultCompanySettings: CompanySettings = { timeZone: DEFAULT_TIME_ZONE };

/** Read on every schedule and local bucket; kept 5 s per app, dropped at once by a change here. */
const cache = appCache<'settings', CompanySettings>(5_000);

/** The company settings (defaults where nothing is stored). */
export function getCompanySettings(ctx: Ctx): Promise<CompanySettings> {
  return cache.get(ctx, 'settings', () =>
    getSetting(ctx, SETTINGS_KEY, companySettingsSchema, defaultCompanySettings),
  );
}

/** The company's IANA time zone (default Europe/Berlin). */
export async function getCompanyTimeZone(ctx: Ctx): Promise<string> {
  return (await getCompanySettings(ctx)).timeZone;
}

/** Changes company settings (the rest stays); validated and audited. */
export async function setCompanySettings(
  ctx: Ctx,
  patch: Partial<CompanySettings>,
): Promise<CompanySettings> {
  const current = await getSetting(ctx, SETTINGS_KEY, companySettingsSchema, defaultCompanySettings);
  try {
    return await setSetting(ctx, SETTINGS_KEY, companySettingsSchema, { ...current, ...patch });
  } finally {
    cache.invalidate(ctx);
  }
}
