// GDPR: every domain that stores data about a customer registers how to export and erase it.
// A test fails when a table with a customer reference is not named by any registered module.
import type { Ctx } from '../context.js';

export type PrivacyModule = {
  /** The domain's name; the key of its part in an export. */
  domain: string;
  /** Every table of the domain that holds a customer reference or personal data. */
  tables: string[];
  exportCustomer(ctx: Ctx, customerId: string): Promise<unknown>;
  /** Removes personal data; keeps what aggregates need (amounts, dates, categories). */
  eraseCustomer(ctx: Ctx, customerId: string): Promise<void>;
};

export class PrivacyRegistry {
  readonly modules: PrivacyModule[] = [];

  register(module: PrivacyModule): void {
    if (this.modules.some((m) => m.domain === module.domain))
      throw new Error(`Privacy module ${module.domain} twice`);
    this.modules.push(module);
  }

  coveredTables(): Set<string> {
    return new Set(this.modules.flatMap((m) => m.tables));
  }

  /** One JSON document with every domain's data about the customer. */
  async exportCustomer(ctx: Ctx, customerId: string): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const m of this.modules) out[m.domain] = await m.exportCustomer(ctx, customerId);
    return out;
  }

  /** Erases in reverse registration order, so dependants go before the customer record. */
  async eraseCustomer(ctx: Ctx, customerId: string): Promise<void> {
    for (const m of [...this.modules].reverse()) await m.eraseCustomer(ctx, customerId);
  }
}
