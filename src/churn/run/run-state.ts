// The state one scoring run's steps share: its plan (the request's options over the stored settings),
// its id, the previous run, the phase timer and the likelihood evaluations counted so far.
import type { Ctx } from '../../platform/context.js';
import { nowIso } from '../../platform/context.js';
import { companyCurrency } from '../../purchases/purchases.service.js';
import {
  type AlertSettings,
  type CandidateModel,
  type ChurnSettings,
  type RunRequest,
  runRequestSchema,
} from '../churn.schema.js';
import type { RunThresholds } from '../churn.reasons.js';
import { getChurnSettings } from '../churn.settings.js';
import { dayOf, dayString, type TimeUnit, UNIT_DAYS } from '../churn.summary.js';
import type { PhaseTimer } from './phase-timer.js';

export type RunChurnOptions = {
  /** Default now; its UTC day is the last day of data used. */
  calibrationEnd?: string;
  unit?: TimeUnit;
  holdoutWeeks?: number;
  models?: CandidateModel[];
  /** In the run unit; default the settings' horizonDays. */
  horizon?: number;
};

export type RunPlan = {
  unit: TimeUnit;
  unitDays: number;
  holdoutWeeks: number;
  models: CandidateModel[];
  /** Prediction horizon in run units. */
  horizon: number;
  /** Last day of data (UTC day of the calibration end). */
  endDay: string;
  /** Last day of the calibration period before the holdout; null without a holdout. */
  calDay: string | null;
  currency: string;
  thresholds: RunThresholds;
  scoring: ChurnSettings['scoring'];
};

export type RunState = {
  ctx: Ctx;
  id: string;
  plan: RunPlan;
  previousRunId: string | null;
  clock: PhaseTimer;
  /** Likelihood evaluations of every fit so far. */
  evaluations: number;
};

/** The run's plan: the options (validated) where given, the stored settings otherwise. */
export async function planRun(ctx: Ctx, options: RunChurnOptions): Promise<RunPlan> {
  const input: RunRequest = runRequestSchema.parse(options);
  const settings = await getChurnSettings(ctx);
  const unit = input.unit ?? settings.scoring.unit;
  const unitDays = UNIT_DAYS[unit];
  const holdoutWeeks = input.holdoutWeeks ?? settings.scoring.holdoutWeeks;
  const calibrationEndIso = input.calibrationEnd ? new Date(input.calibrationEnd).toISOString() : nowIso(ctx);
  const endDay = calibrationEndIso.slice(0, 10);
  return {
    unit,
    unitDays,
    holdoutWeeks,
    models: input.models ?? settings.scoring.models,
    horizon: input.horizon ?? settings.scoring.horizonDays / unitDays,
    endDay,
    calDay: holdoutWeeks > 0 ? dayString(dayOf(endDay) - 7 * holdoutWeeks) : null,
    currency: await companyCurrency(ctx),
    thresholds: settings.alerts,
    scoring: settings.scoring,
  };
}
