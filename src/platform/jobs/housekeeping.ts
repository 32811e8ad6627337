// The daily housekeeping job: prunes what nothing needs any more — done jobs, the bodies of sent
// mails after the retention period the admin sets, idempotency keys older than 24 h, expired sessions,
// login failure counts a day old, the records of asynchronous imports that ended (with done jobs).
import { pruneExpiredSessions, pruneLoginFailures } from '../auth/users.service.js';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { pruneIdempotencyKeys } from '../http/idempotency.js';
import { pruneImportRuns } from '../import/import-runs.service.js';
import { pruneSentMailBodies } from '../mail/mail.service.js';
import { getSetting, setSetting } from '../settings.service.js';
import { pruneDoneJobs } from './jobs.service.js';
import { dailyAt } from '../time/schedules.js';
import type { JobRegistry } from './worker.js';

export const HOUSEKEEPING_JOB = 'platform.housekeeping';
export const HOUSEKEEPING_SETTINGS_KEY = 'platform.housekeeping';

const DAY_MS = 86_400_000;

export const housekeepingSettingsSchema = z.object({
  mailBodyRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('the text, HTML and attachments of a sent mail are deleted after this many days'),
  doneJobRetentionDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe(
      'finished jobs are deleted after this many days (failed ones stay), and the records of asynchronous imports that ended',
    ),
});
export type HousekeepingSettings = z.infer<typeof housekeepingSettingsSchema>;

export const defaultHousekeepingSettings: HousekeepingSettings = {
  mailBodyRetentionDays: 90,
  doneJobRetentionDays: 30,
};

/** The housekeeping settings (defaults where nothing is stored). */
export async function getHousekeepingSettings(ctx: Ctx): Promise<HousekeepingSettings> {
  const stored = await getSetting(ctx, HOUSEKEEPING_SETTINGS_KEY, housekeepingSettingsSchema.partial(), {});
  return { ...defaultHousekeepingSettings, ...stored };
}

/** Merges a partial change into the settings, validates and stores it (audited). */
export async function setHousekeepingSettings(
  ctx: Ctx,
  patch: Partial<HousekeepingSettings>,
): Promise<HousekeepingSettings> {
  const merged = { ...(await getHousekeepingSettings(ctx)), ...patch };
  return setSetting(ctx, HOUSEKEEPING_SETTINGS_KEY, housekeepingSettingsSchema, merged);
}

export type HousekeepingResult = {
  jobs: number;
  mailBodies: number;
  idempotencyKeys: number;
  sessions: number;
  loginFailures: number;
  imports: number;
};

/** Prunes once, as of the context's clock; answers how many rows each step removed or blanked. */
export async function runHousekeeping(ctx: Ctx): Promise<HousekeepingResult> {
  const settings = await getHousekeepingSettings(ctx);
  const now = ctx.clock.now().getTime();
  const jobs = await pruneDoneJobs(ctx, new Date(now - settings.doneJobRetentionDays * DAY_MS));
  const mailBodies = await pruneSentMailBodies(ctx, new Date(now - settings.mailBodyRetentionDays * DAY_MS));
  const idempotencyKeys = await pruneIdempotencyKeys(ctx);
  const sessions = await pruneExpiredSessions(ctx);
  const loginFailures = await pruneLoginFailures(ctx);
  const imports = await pruneImportRuns(ctx, new Date(now - settings.doneJobRetentionDays * DAY_MS));
  return { jobs, mailBodies, idempotencyKeys, sessions, loginFailures, imports };
}

/** Registers the housekeeping job, daily at 01:30 company time (one instance at a time). */
export function registerHousekeeping(registry: JobRegistry): void {
  registry.handle(HOUSEKEEPING_JOB, async (ctx) => void (await runHousekeeping(ctx)));
  registry.schedule({ type: HOUSEKEEPING_JOB, next: dailyAt(1, 30), singleton: HOUSEKEEPING_JOB });
}
