// Scheduled work of the tasks domain: tell each assignee once when a task of theirs becomes overdue.
import { getUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import type { JobRegistry } from '../platform/jobs/worker.js';
import { t } from '../platform/i18n/i18n.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { nullIfNotFound } from '../platform/errors.js';
import { getTask, listOverdueUnnotified, markOverdueNotified } from './tasks.service.js';

export const OVERDUE_JOB = 'tasks.overdue_mail';
const QUARTER_HOUR = 15 * 60_000;

/** The next quarter hour strictly after `after`. */
export function nextQuarterHour(after: Date): Date {
  return new Date((Math.floor(after.getTime() / QUARTER_HOUR) + 1) * QUARTER_HOUR);
}

/**
 * Sends one mail per overdue task to its assignee (in the assignee's locale) and records
 * `overdue_notified_at` in the same transaction, so a task is announced once. Returns mails sent.
 */
export async function notifyOverdueTasks(ctx: Ctx): Promise<number> {
  let sent = 0;
  for (;;) {
    const tasks = await listOverdueUnnotified(ctx, 200);
    if (tasks.length === 0) return sent;
    for (const task of tasks) {
      const assignee = await getUser(ctx, task.assigneeId as string).catch(nullIfNotFound);
      await inTransaction(ctx, async (tx) => {
        if (!(await markOverdueNotified(tx, task.id))) return;
        if (!assignee?.active) return; // nobody to tell; marked so it is not retried forever
        const lang = assignee.locale;
        const vars = {
          name: assignee.name,
          // the title worded in the assignee's language
          title: (await getTask(tx, task.id, lang)).title,
          dueAt: task.dueAt ?? '',
          priority: t(lang, `tasks:priority.${task.priority}`),
          link: `${tx.config.publicUrl}/tasks/${task.id}`,
        };
        await enqueueMail(tx, {
          to: assignee.email,
          subject: t(lang, 'tasks:overdue.subject', vars),
          text: t(lang, 'tasks:overdue.body', vars),
          customerId: task.customerId,
          purpose: 'task_overdue',
        });
        sent++;
      });
    }
  }
}

export function registerTaskJobs(registry: JobRegistry): void {
  registry.handle(OVERDUE_JOB, async (ctx) => {
    await notifyOverdueTasks(ctx);
  });
  registry.schedule({ type: OVERDUE_JOB, next: nextQuarterHour });
}
