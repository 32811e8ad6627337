// The churn domain's gauges for /metrics: how long the latest completed scoring run took (the sum of
// its timed phases) and when it ran, read through the runs service from the stored run.
import type { Metrics } from '../platform/metrics/metrics.js';
import type { Phase } from './churn.schema.js';
import { latestRunRow } from './churn.runs.js';

export function registerChurnMetrics(metrics: Metrics): void {
  metrics.gauge({
    name: 'stammkunde_churn_scoring_run_duration_seconds',
    help: 'Wall time of the latest completed churn scoring run',
    read: async (ctx) => {
      const run = await latestRunRow(ctx);
      if (!run) return [];
      const phases = JSON.parse(run.phases) as Phase[];
      return [{ value: phases.reduce((sum, p) => sum + p.seconds, 0) }];
    },
  });
  metrics.gauge({
    name: 'stammkunde_churn_scoring_run_last_completed_timestamp_seconds',
    help: 'When the latest completed churn scoring run started (Unix time)',
    read: async (ctx) => {
      const run = await latestRunRow(ctx);
      return run ? [{ value: Date.parse(run.at) / 1000 }] : [];
    },
  });
}
