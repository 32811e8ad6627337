// Scheduled work of the case domain: the SLA escalation check and the commitment check.
import type { JobRegistry } from '../platform/jobs/worker.js';
import { runCommitmentChecks } from './case-commitments.service.js';
import { runSlaEscalations } from './case-escalation.js';

/** Every `minutes` minutes on the UTC clock (the next boundary strictly after `after`). */
export const everyMinutes =
  (minutes: number) =>
  (after: Date): Date => {
    const step = minutes * 60_000;
    return new Date(Math.floor(after.getTime() / step) * step + step);
  };

export function registerCaseJobs(registry: JobRegistry): void {
  registry.handle('cases.sla_check', async (ctx) => {
    await runSlaEscalations(ctx);
  });
  registry.schedule({ type: 'cases.sla_check', next: everyMinutes(5) });
  registry.handle('cases.commitment_check', async (ctx) => {
    await runCommitmentChecks(ctx);
  });
  registry.schedule({ type: 'cases.commitment_check', next: everyMinutes(5) });
}
