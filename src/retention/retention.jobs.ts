// Queued and scheduled work of retention: cancellations and purchases from other domains, the
// win-back follow-up, daily recognition suggestions, the daily loyalty-penalty scan and the
// Monday-morning digest.
import { subscribe } from '../platform/events.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { dailyAt, weeklyAt } from '../platform/time/schedules.js';
import { DIGEST_JOB, sendWeeklyDigest } from './digest.service.js';
import { handleExitInterviewAnswer, WIN_BACK_FOLLOW_UP_JOB } from './lost-customers.service.js';
import { handleContractCancelled } from './lost-proposals.service.js';
import { LOYALTY_SCAN_JOB, scanLoyaltyPenalties } from './loyalty-penalty-scan.js';
import { runRecognition } from './surprises.service.js';
import { checkAllWinBacks, followUpLost } from './win-back.service.js';

export function registerRetentionJobs(registry: JobRegistry): void {
  subscribe(
    registry,
    'contract.cancelled',
    'retention.on-contract-cancelled',
    async (ctx, p: { customerId: string; contractId: string; at: string; reason?: string }) => {
      await handleContractCancelled(ctx, p);
    },
  );
  subscribe(
    registry,
    'purchase.recorded',
    'retention.on-purchase',
    async (ctx, p: { customerId: string }) => {
      await checkAllWinBacks(ctx, p.customerId);
    },
  );
  subscribe(
    registry,
    'survey.answered',
    'retention.on-exit-interview',
    async (ctx, p: { customerId: string; answerId: string; definitionCode: string }) => {
      if (p.definitionCode === 'exit_interview') await handleExitInterviewAnswer(ctx, p);
    },
  );
  registry.handle(WIN_BACK_FOLLOW_UP_JOB, async (ctx, p: { lostId: string }) => {
    await followUpLost(ctx, p.lostId);
  });
  registry.handle('retention.recognition-daily', async (ctx) => {
    await runRecognition(ctx);
  });
  registry.schedule({ type: 'retention.recognition-daily', next: dailyAt(5, 30) });
  registry.handle(LOYALTY_SCAN_JOB, async (ctx) => {
    await scanLoyaltyPenalties(ctx);
  });
  registry.schedule({ type: LOYALTY_SCAN_JOB, next: dailyAt(5, 45) });
  registry.handle(DIGEST_JOB, async (ctx) => {
    await sendWeeklyDigest(ctx);
  });
  registry.schedule({ type: DIGEST_JOB, next: weeklyAt(1, 6) });
}
