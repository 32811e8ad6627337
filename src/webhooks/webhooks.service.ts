// Webhook endpoints: an admin registers a URL with the events it wants; we generate its signing
// secret and answer it once (on create and on rotate). Every change is audited without the secret.
import { type AuditChanges, diff, recordAudit } from '../platform/audit/audit.service.js';
import { type Ctx, inTransaction, nowIso } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import { decodeCursor, toPage } from '../platform/http/pagination.js';
import { newId } from '../platform/ids.js';
import {
  type CreateEndpoint,
  createEndpointSchema,
  type Endpoint,
  rotateSecretSchema,
  type UpdateEndpoint,
  updateEndpointSchema,
} from './webhooks.schema.js';
import { getWebhookSettings, targetPolicy } from './webhooks.settings.js';
import { newSecret } from './webhooks.signing.js';
import { urlProblem } from './webhooks.ssrf.js';
import type { WebhookTables } from './webhooks.tables.js';

export type EndpointRow = WebhookTables['webhook_endpoints'];

export function toEndpoint(r: EndpointRow): Endpoint {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: JSON.parse(r.events) as string[],
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
    consecutiveFailures: Number(r.consecutive_failures),
    previousSecretExpiresAt: r.previous_secret_expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What the audit log shows of an endpoint: never a secret. */
function auditable(r: EndpointRow) {
  return {
    url: r.url,
    description: r.description,
    events: JSON.parse(r.events) as string[],
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason,
  };
}

export async function auditEndpoint(
  ctx: Ctx,
  id: string,
  action: string,
  changes: AuditChanges,
): Promise<void> {
  await recordAudit(ctx, { entityType: 'webhook_endpoint', entityId: id, action, changes });
}

/** 400 naming `url` when the URL may not be a target (scheme, private or local address). */
async function checkUrl(ctx: Ctx, url: string): Promise<void> {
  const problem = urlProblem(url, await targetPolicy(ctx));
  if (problem)
    throw new AppError('VALIDATION_FAILED', `url: ${problem.message}`, {
      errors: [{ path: 'url', message: problem.message, key: problem.key }],
    });
}

export async function getEndpointRow(ctx: Ctx, id: string): Promise<EndpointRow> {
  const row = await ctx.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Webhook endpoint', id);
  return row;
}

export async function getEndpoint(ctx: Ctx, id: string): Promise<Endpoint> {
  return toEndpoint(await getEndpointRow(ctx, id));
}

export async function listEndpoints(ctx: Ctx, query: { limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor);
  let q = ctx.db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .orderBy('id')
    .limit(query.limit + 1);
  if (after) q = q.where('id', '>', String(after[0]));
  return toPage(await q.execute(), query.limit, toEndpoint, (r) => [r.id]);
}

/** Registers an endpoint with a fresh secret; the answer carries the secret (the only time it does). */
export async function createEndpoint(
  ctx: Ctx,
  input: CreateEndpoint,
): Promise<Endpoint & { secret: string }> {
  const data = createEndpointSchema.parse(input);
  await checkUrl(ctx, data.url);
  return inTransaction(ctx, async (tx) => {
    const now = nowIso(tx);
    const row: EndpointRow = {
      id: newId('whe'),
      url: data.url,
      description: data.description,
      events: JSON.stringify([...new Set(data.events)]),
      enabled: data.enabled ? 1 : 0,
      secret: newSecret(),
      previous_secret: null,
      previous_secret_expires_at: null,
      consecutive_failures: 0,
      disabled_reason: data.enabled ? null : 'admin',
      disabled_at: data.enabled ? null : now,
      created_by: tx.actor.id,
      created_at: now,
      updated_at: now,
    };
    await tx.db.insertInto('webhook_endpoints').values(row).execute();
    await auditEndpoint(tx, row.id, 'create', diff(null, auditable(row)));
    return { ...toEndpoint(row), secret: row.secret };
  });
}

/** Changes URL, events, description or enabled; enabling again resets the failures in a row. */
export async function updateEndpoint(ctx: Ctx, id: string, input: UpdateEndpoint): Promise<Endpoint> {
  const data = updateEndpointSchema.parse(input);
  if (data.url !== undefined) await checkUrl(ctx, data.url);
  return inTransaction(ctx, async (tx) => {
    const before = await getEndpointRow(tx, id);
    const now = nowIso(tx);
    const after: EndpointRow = { ...before, updated_at: now };
    if (data.url !== undefined) after.url = data.url;
    if (data.description !== undefined) after.description = data.description;
    if (data.events !== undefined) after.events = JSON.stringify([...new Set(data.events)]);
    if (data.enabled !== undefined && data.enabled !== (before.enabled === 1)) {
      after.enabled = data.enabled ? 1 : 0;
      after.disabled_reason = data.enabled ? null : 'admin';
      after.disabled_at = data.enabled ? null : now;
      if (data.enabled) after.consecutive_failures = 0;
    }
    const changes = diff(auditable(before), auditable(after));
    if (Object.keys(changes).length === 0) return toEndpoint(before);
    const { id: _id, ...set } = after;
    await tx.db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    const action =
      changes.enabled && Object.keys(changes).every((k) => k === 'enabled' || k === 'disabledReason')
        ? after.enabled
          ? 'enable'
          : 'disable'
        : 'update';
    await auditEndpoint(tx, id, action, changes);
    return toEndpoint(after);
  });
}

/** Deletes the endpoint with its deliveries and their log (audited). */
export async function deleteEndpoint(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await getEndpointRow(tx, id);
    await tx.db.deleteFrom('webhook_attempts').where('endpoint_id', '=', id).execute();
    await tx.db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    await tx.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
    await auditEndpoint(
      tx,
      id,
      'delete',
      Object.fromEntries(Object.entries(auditable(before)).map(([k, v]) => [k, { before: v, after: null }])),
    );
  });
}

/**
 * A new secret; the old one keeps signing (a second signature) for `graceHours` (default: the
 * setting), so receivers can switch without losing a message. The answer carries the new secret.
 */
export async function rotateSecret(
  ctx: Ctx,
  id: string,
  input: { graceHours?: number } = {},
): Promise<Endpoint & { secret: string }> {
  const data = rotateSecretSchema.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getEndpointRow(tx, id);
    const graceHours = data.graceHours ?? (await getWebhookSettings(tx)).rotationGraceHours;
    const now = tx.clock.now();
    const expires = graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000).toISOString() : null;
    const set = {
      secret: newSecret(),
      previous_secret: expires ? before.secret : null,
      previous_secret_expires_at: expires,
      updated_at: now.toISOString(),
    };
    await tx.db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    await auditEndpoint(tx, id, 'rotate_secret', {
      secret: { before: '(secret)', after: '(new secret)' },
      previousSecretExpiresAt: { before: before.previous_secret_expires_at, after: expires },
    });
    return { ...toEndpoint({ ...before, ...set }), secret: set.secret };
  });
}

/** The secrets that sign a message sent at `at`: the current one, then the previous one during its grace. */
export function signingSecrets(row: EndpointRow, at: Date): string[] {
  const grace =
    row.previous_secret && row.previous_secret_expires_at && new Date(row.previous_secret_expires_at) > at;
  return grace ? [row.secret, row.previous_secret as string] : [row.secret];
}
