// The phase timer of a scoring run: wall seconds and the process's CPU seconds per named phase
// (SQLite work runs in this thread too), stored with the run for the analyst.
import type { Phase } from '../churn.schema.js';

export type PhaseTimer = {
  readonly phases: Phase[];
  /** Ends the current phase under `name` and starts the next. */
  lap(name: string, detail?: string): void;
};

export function phaseTimer(): PhaseTimer {
  const phases: Phase[] = [];
  let t = performance.now();
  let cpu = process.cpuUsage();
  return {
    phases,
    lap(name: string, detail?: string) {
      const now = performance.now();
      const used = process.cpuUsage(cpu);
      phases.push({
        name,
        seconds: Math.round(now - t) / 1000,
        cpuSeconds: Math.round((used.user + used.system) / 1000) / 1000,
        ...(detail ? { detail } : {}),
      });
      t = now;
      cpu = process.cpuUsage();
    },
  };
}
