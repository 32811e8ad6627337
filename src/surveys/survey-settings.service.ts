// The survey settings (frequency limit, reminder, token validity, follow-up deadline, windows) and
// the works-council switch for per-person results.
import { z } from 'zod';
import { type Ctx, inTransaction } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { defaultSurveySettings, type SurveySettings, surveySettingsSchema } from './surveys.schema.js';

const SETTINGS_KEY = 'surveys.settings';

/** The survey settings (frequency limit, reminder, token validity, follow-up deadline, windows). */
export function getSurveySettings(ctx: Ctx): Promise<SurveySettings> {
  return getSetting(ctx, SETTINGS_KEY, surveySettingsSchema, defaultSurveySettings);
}

/** Validates and stores the survey settings (audited). */
export function setSurveySettings(ctx: Ctx, value: unknown): Promise<SurveySettings> {
  return inTransaction(ctx, (tx) => setSetting(tx, SETTINGS_KEY, surveySettingsSchema, value));
}

/** Whether per-person (per-agent) results may be shown; off unless the company turns it on. */
export function perPersonVisible(ctx: Ctx): Promise<boolean> {
  return getSetting(ctx, 'metrics.perPersonVisible', z.boolean(), false);
}
