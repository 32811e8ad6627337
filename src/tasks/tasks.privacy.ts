// GDPR coverage of the tasks domain: a customer's tasks are exported worded in the reader's
// language; erasure blanks their free text and the worded titles that may name the customer.
import { type Ctx, nowIso } from '../platform/context.js';
import type { PrivacyModule } from '../platform/privacy/privacy.registry.js';
import { defaultLang, present } from './tasks.present.js';
import type { Task } from './tasks.schema.js';

/** Everything stored about a customer's tasks (GDPR export). */
export async function exportCustomerTasks(
  ctx: Ctx,
  customerId: string,
  lang = defaultLang(ctx),
): Promise<Task[]> {
  const rows = await ctx.db
    .selectFrom('tasks')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return present(ctx, rows, nowIso(ctx), lang);
}

/**
 * Replaces the free text of a customer's tasks with neutral markers: a description (staff-written
 * or a stored text with the customer's words in its parameters) reads "text about an erased
 * customer", an outcome "[erased]", and a title stored as words (staff-written, which may name the
 * customer) becomes the "task about an erased customer" key. Keyed titles stay: they hold the
 * customer by id, which now reads as erased, and no name, e-mail or phone. Dates and status stay.
 */
export async function eraseCustomerTasks(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db
    .updateTable('tasks')
    .set({ description: null, description_key: 'tasks:erasedText', description_params: '{}' })
    .where('customer_id', '=', customerId)
    .where((eb) => eb.or([eb('description', 'is not', null), eb('description_key', 'is not', null)]))
    .execute();
  await ctx.db
    .updateTable('tasks')
    .set({ outcome: '[erased]' })
    .where('customer_id', '=', customerId)
    .where('outcome', 'is not', null)
    .execute();
  await ctx.db
    .updateTable('tasks')
    .set({ title: '', title_key: 'tasks:erasedTitle', title_params: '{}' })
    .where('customer_id', '=', customerId)
    .where('title_key', 'is', null)
    .execute();
}

export const tasksPrivacy: PrivacyModule = {
  domain: 'tasks',
  tables: ['tasks'],
  exportCustomer: async (ctx, id) => ({ tasks: await exportCustomerTasks(ctx, id) }),
  eraseCustomer: eraseCustomerTasks,
};
