// Import of customers from CSV or JSON, idempotent by external_ref: a known reference is left
// unchanged (reported as already present), and so is the reference of a customer erased on request.
// Customers are created through the customers service, one by one, so each is audited and tiered.
import { listUsers } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import {
  type ImportOptions,
  type ImportSpec,
  type RowCheck,
  runImport,
} from '../platform/import/import.engine.js';
import { choiceField, RowProblems, textField, timeField } from '../platform/import/import.fields.js';
import type { ImportReport } from '../platform/import/import.schema.js';
import { type CreateCustomer, createCustomerSchema } from './customers.schema.js';
import { erasedExternalRefs } from './customers.privacy.js';
import { createCustomer, getCustomers, resolveCustomerRefs } from './customers.service.js';

export const CUSTOMER_COLUMNS = [
  'external_ref',
  'name',
  'email',
  'phone',
  'locale',
  'customer_since',
  'owner_email',
  'tags',
] as const;

/** Where a field of the customers API lives in the import file. */
const COLUMN_OF: Record<string, string> = {
  externalRef: 'external_ref',
  name: 'name',
  email: 'email',
  phone: 'phone',
  locale: 'locale',
  customerSince: 'customer_since',
  ownerId: 'owner_email',
  tags: 'tags',
};

type CustomerImport =
  | { existing: true }
  | { existing: false; input: CreateCustomer & { externalRef: string } };

/**
 * Imports customers (CSV or JSON/NDJSON) through the customers service, idempotent by external_ref;
 * without skipInvalid a file with any bad row imports nothing.
 */
export async function importCustomers(ctx: Ctx, options: ImportOptions): Promise<ImportReport<'customers'>> {
  const owners = new Map(
    (await listUsers(ctx, { activeOnly: true })).map((u) => [u.email.toLowerCase(), u.id]),
  );

  const checkFields = (
    values: Record<string, unknown>,
  ): { input?: CreateCustomer & { externalRef: string }; problems: RowProblems } => {
    const p = new RowProblems();
    const since = timeField(p, values, 'customer_since', {});
    const ownerEmail = textField(p, values, 'owner_email', { max: 320 });
    const ownerId = ownerEmail ? owners.get(ownerEmail.toLowerCase()) : undefined;
    if (ownerEmail && !ownerId) p.add('owner_email', 'no active staff user with this e-mail');
    const locale = choiceField(p, values, 'locale', ['de', 'en'], {});
    const tags =
      typeof values.tags === 'string'
        ? values.tags
            .split('|')
            .map((t) => t.trim())
            .filter(Boolean)
        : Array.isArray(values.tags)
          ? values.tags
          : [];
    const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : values[k]);
    const parsed = createCustomerSchema.safeParse({
      externalRef: text('external_ref') ?? '',
      name: text('name') ?? '',
      email: text('email'),
      phone: text('phone') === undefined ? undefined : String(text('phone')),
      locale,
      customerSince: since,
      ownerId,
      tags,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = COLUMN_OF[String(issue.path[0])] ?? String(issue.path[0] ?? '(row)');
        if (!p.list.some((x) => x.field === field)) p.add(field, issue.message);
      }
    }
    if (!p.ok || !parsed.success) return { problems: p };
    return { problems: p, input: { ...parsed.data, externalRef: parsed.data.externalRef! } };
  };

  const spec: ImportSpec<CustomerImport, 'customers'> = {
    entity: 'customers',
    columns: { known: CUSTOMER_COLUMNS, required: ['external_ref', 'name'] },
    batchSize: 500,
    async check(tx, rows): Promise<RowCheck<CustomerImport>[]> {
      const checked = rows.map((r) => checkFields(r.values));
      const refs = checked.flatMap((c) => (c.input ? [c.input.externalRef] : []));
      const ids = [...new Set((await resolveCustomerRefs(tx, refs)).values())];
      // resolveCustomerRefs also matches numbers and ids; only the external reference counts here.
      const known = new Set(
        (await getCustomers(tx, ids)).map((c) => c.externalRef).filter((r): r is string => r !== null),
      );
      // A customer erased on request stays erased: their row counts as present, nothing is created.
      for (const r of await erasedExternalRefs(tx, refs)) known.add(r);
      return checked.map((c) => {
        if (!c.input) return { problems: c.problems.list };
        return {
          value: known.has(c.input.externalRef) ? { existing: true } : { existing: false, input: c.input },
        };
      });
    },
    async write(tx, values) {
      return inTransaction(tx, async (trx) => {
        const seen = new Set<string>();
        let created = 0;
        for (const v of values) {
          // The same reference twice in one batch: the first creates, the second finds it present.
          if (v.existing || seen.has(v.input.externalRef)) continue;
          seen.add(v.input.externalRef);
          await createCustomer(trx, v.input);
          created++;
        }
        return created;
      });
    },
  };
  return runImport(ctx, spec, options);
}
