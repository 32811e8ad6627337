// The case domain's company settings: SLA policies, business calendar, escalation, goodwill limits.
import { appCache } from '../platform/app-cache.js';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { invalid } from '../platform/errors.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { DEFAULT_TIME_ZONE, getCompanyTimeZone } from '../platform/time/index.js';
import {
  type BusinessCalendar,
  createBusinessCalendar,
  defaultSlaPolicies,
  type IsoWeekday,
} from './sla/index.js';

const SETTINGS_KEY = 'cases.settings';

const policySchema = z.object({
  firstResponseMinutes: z.number().positive().max(525_600),
  resolutionMinutes: z.number().positive().max(525_600),
});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const limitSchema = z.object({
  perCaseMinor: z.number().int().min(0).nullable().describe('null = unlimited'),
  perMonthMinor: z.number().int().min(0).nullable().describe('null = unlimited'),
});

const calendarSchema = z.object({
  /** Always the company's time zone (GET /api/v1/settings/company); shown here, changed there. */
  timeZone: z.string().min(1),
  workingDays: z.array(z.number().int().min(1).max(7)).min(1),
  workingHours: z.array(z.object({ start: hhmm, end: hhmm })).min(1),
  holidayCountry: z.string().length(2),
  holidayState: z.string().min(1).max(10).nullable(),
  closedDates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
});

export const caseSettingsSchema = z
  .object({
    slaPolicies: z.object({
      urgent: policySchema,
      high: policySchema,
      normal: policySchema,
      low: policySchema,
    }),
    calendar: calendarSchema,
    /** Share of an SLA budget after which the case is escalated (0–1). */
    escalationShare: z.number().gt(0).max(1),
    /** Anger level (0–1) from which a complaint escalates. */
    angerEscalateAt: z.number().min(0).max(1),
    highValueTiers: z.array(z.string().min(1)),
    /** Deadline of an escalation call-back task, in business minutes. */
    callbackBusinessMinutes: z.number().int().positive(),
    /** How long before a commitment's due time its owner is reminded, in business minutes. */
    reminderBusinessMinutes: z.number().int().positive(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    goodwillLimits: z.object({ agent: limitSchema, manager: limitSchema, admin: limitSchema }),
    /**
     * What a case needs before it is resolved, its letter sent or it is closed: every point answered,
     * and an apology, a root cause (category and analysis) and a preventive action. The admin may let
     * the minor cases (severity low) go without apology, cause and prevention; never any other.
     */
    resolutionGate: z.object({ relaxForLowSeverity: z.boolean() }).default({ relaxForLowSeverity: false }),
  })
  .superRefine((s, ctx) => {
    try {
      buildCalendar(s.calendar);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['calendar'], message: (err as Error).message });
    }
  });
export type CaseSettings = z.infer<typeof caseSettingsSchema>;

export const defaultCaseSettings: CaseSettings = {
  slaPolicies: {
    urgent: { ...defaultSlaPolicies.urgent },
    high: { ...defaultSlaPolicies.high },
    normal: { ...defaultSlaPolicies.normal },
    low: { ...defaultSlaPolicies.low },
  },
  calendar: {
    timeZone: DEFAULT_TIME_ZONE,
    workingDays: [1, 2, 3, 4, 5],
    workingHours: [{ start: '08:00', end: '17:00' }],
    holidayCountry: 'DE',
    holidayState: 'BY',
    closedDates: [],
  },
  escalationShare: 0.75,
  angerEscalateAt: 0.5,
  highValueTiers: ['gold', 'platinum'],
  callbackBusinessMinutes: 4 * 60,
  reminderBusinessMinutes: 9 * 60,
  currency: 'EUR',
  goodwillLimits: {
    agent: { perCaseMinor: 10_000, perMonthMinor: 50_000 },
    manager: { perCaseMinor: 100_000, perMonthMinor: null },
    admin: { perCaseMinor: null, perMonthMinor: null },
  },
  resolutionGate: { relaxForLowSeverity: false },
};

const calendars = new Map<string, BusinessCalendar>();

function buildCalendar(c: CaseSettings['calendar']): BusinessCalendar {
  return createBusinessCalendar({
    timeZone: c.timeZone,
    workingDays: c.workingDays as IsoWeekday[],
    workingHours: c.workingHours,
    holidays: { country: c.holidayCountry, ...(c.holidayState ? { state: c.holidayState } : {}) },
    closedDates: c.closedDates,
  });
}

/** The business calendar of the settings (built once per distinct configuration). */
export function calendarOf(settings: CaseSettings): BusinessCalendar {
  const key = JSON.stringify(settings.calendar);
  let cal = calendars.get(key);
  if (!cal) {
    cal = buildCalendar(settings.calendar);
    calendars.set(key, cal);
  }
  return cal;
}

/**
 * Settings kept per app for at most 5 s: every case creation needs them, and reading and validating
 * the JSON costs more than the rest of the intake's reads. A change through setCaseSettings drops
 * the cached value at once; another process (a second app server on the same PostgreSQL) sees it
 * within the 5 s.
 */
const settingsCache = appCache<'settings', CaseSettings>(5_000);

/**
 * The current case settings (defaults where nothing is stored); the calendar reads working hours
 * and closed dates in the company's time zone.
 */
export async function getCaseSettings(ctx: Ctx): Promise<CaseSettings> {
  const stored = await settingsCache.get(ctx, 'settings', () =>
    getSetting(ctx, SETTINGS_KEY, caseSettingsSchema, defaultCaseSettings),
  );
  return withCompanyZone(stored, await getCompanyTimeZone(ctx));
}

function withCompanyZone(s: CaseSettings, timeZone: string): CaseSettings {
  return s.calendar.timeZone === timeZone ? s : { ...s, calendar: { ...s.calendar, timeZone } };
}

/**
 * Changes some top-level case settings (the rest stays); validated and audited. The calendar's
 * time zone is the company's: a different one is refused with a field error.
 */
export async function setCaseSettings(ctx: Ctx, patch: Partial<CaseSettings>): Promise<CaseSettings> {
  const zone = await getCompanyTimeZone(ctx);
  const asked = (patch.calendar as { timeZone?: unknown } | undefined)?.timeZone;
  if (asked !== undefined && asked !== zone)
    throw invalid(
      'calendar.timeZone',
      `is the company time zone (${zone}); change it in /api/v1/settings/company`,
    );
  const current = await getSetting(ctx, SETTINGS_KEY, caseSettingsSchema, defaultCaseSettings);
  const next = { ...current, ...patch };
  if (next.calendar) next.calendar = { ...next.calendar, timeZone: zone };
  try {
    return withCompanyZone(await setSetting(ctx, SETTINGS_KEY, caseSettingsSchema, next), zone);
  } finally {
    settingsCache.invalidate(ctx);
  }
}
