// Scheduled work of the case domain: the SLA escalation check (with the overdue call-back notice)
// and the commitment check.
import type { JobRegistry } from '../platform/jobs/worker.js';
import { runCommitmentChecks } from './case-commitments.service.js';
import { runCallbackOverdueNotices, runSlaEscalations } from './case-escalation.js';

/** Every `minutes` minutes on the UTC clock (the next boundary strictly after `after`). */
export const everyMinutes =
  (minutes: number) =>
  (after: Date): Date => {
    const step = minutes * 60_000;
    return new Date(Math.floor(after.getTime() / step) * step + step);
  };

export function registerCaseJobs(registry: JobRegistry): void {
  // An overdue escalation call-back is announced once, by this domain (case wording, case link): the
  // call-back tasks are created with overdueNotice 'creator', so the tasks domain's mail leaves them out.
  registry.handle('cases.sla_check', async (ctx) => {
    await runSlaEscalations(ctx);
    await runCallbackOverdueNotices(ctx);
  });
  registry.schedule({ type: 'cases.sla_check', next: everyMinutes(5) });
  registry.handle('cases.commitment_check', async (ctx) => {
    await runCommitmentChecks(ctx);
  });
  registry.schedule({ type: 'cases.commitment_check', next: everyMinutes(5) });
}
