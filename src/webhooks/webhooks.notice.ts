// An endpoint that failed too often in a row is disabled by the system (audited), and an admin is
// told: a high-priority task for the accountable admin (the one who registered the endpoint while
// still an active admin, else the first active admin) and a mail to them in their language. The
// task's texts are stored as keys + parameters.
import { getUser, listUsers } from '../platform/auth/users.service.js';
import { type Ctx, nowIso } from '../platform/context.js';
import { nullIfNotFound } from '../platform/errors.js';
import { t } from '../platform/i18n/i18n.js';
import { storedText } from '../platform/i18n/stored-text.js';
import { enqueueMail } from '../platform/mail/mail.service.js';
import { createTask } from '../tasks/tasks.service.js';
import { auditEndpoint, type EndpointRow } from './webhooks.service.js';
import './webhooks.i18n.js';

export const WEBHOOK_TASK_SOURCE = 'webhooks';

async function accountableAdmin(ctx: Ctx, endpoint: EndpointRow) {
  const creator = endpoint.created_by ? await getUser(ctx, endpoint.created_by).catch(nullIfNotFound) : null;
  if (creator?.active && creator.role === 'admin') return creator;
  return (await listUsers(ctx, { role: 'admin', activeOnly: true }))[0] ?? null;
}

/** Disables the endpoint after `failures` failed attempts in a row and tells an admin; in the caller's transaction. */
export async function disableForFailures(
  ctx: Ctx,
  endpoint: EndpointRow,
  failures: number,
  lastError: string | null,
): Promise<void> {
  const now = nowIso(ctx);
  await ctx.db
    .updateTable('webhook_endpoints')
    .set({ enabled: 0, disabled_reason: 'failures', disabled_at: now, updated_at: now })
    .where('id', '=', endpoint.id)
    .execute();
  await auditEndpoint(ctx, endpoint.id, 'disable_failures', {
    enabled: { before: true, after: false },
    disabledReason: { before: null, after: 'failures' },
    consecutiveFailures: { before: null, after: failures },
  });
  const admin = await accountableAdmin(ctx, endpoint);
  const params = { url: endpoint.url, failures, error: lastError ?? '–' };
  await createTask(ctx, {
    assigneeId: admin?.id ?? null,
    titleText: storedText('webhooks:notice.disabledTitle', { url: endpoint.url }),
    descriptionText: storedText('webhooks:notice.disabledDescription', params),
    priority: 'high',
    source: WEBHOOK_TASK_SOURCE,
    sourceRef: endpoint.id,
    dedupeKey: `webhooks:disabled:${endpoint.id}`,
  });
  if (admin) {
    const vars = { ...params, settingsUrl: `${ctx.config.publicUrl}/settings` };
    await enqueueMail(ctx, {
      to: admin.email,
      subject: t(admin.locale, 'webhooks:mail.disabledSubject', vars),
      text: t(admin.locale, 'webhooks:mail.disabledBody', vars),
      purpose: 'webhook_disabled',
    });
  }
}
