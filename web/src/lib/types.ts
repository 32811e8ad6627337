// The API's types, taken from the server's Zod schemas (type-only imports: nothing of the server is bundled).
import type { z } from 'zod';
import type { sessionSchema, teamSchema, userSchema } from '../../../src/platform/auth/auth.schema.js';
import type { Consent, Customer } from '../../../src/customers/customers.schema.js';
import type { Task } from '../../../src/tasks/tasks.schema.js';

export type User = z.infer<typeof userSchema>;
export type Role = User['role'];
export type Team = z.infer<typeof teamSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type { Consent, Customer, Task };

export type AuditEntry = {
  id: string;
  at: string;
  actor: { id: string | null; name: string };
  entityType: string;
  entityId: string;
  customerId: string | null;
  action: string;
  changes: Record<string, unknown>;
};

export type TierRule = { tier: string; minTenureYears: number; minRevenue12mMinor: number };

export type {
  Case,
  CasePoint,
  Commitment,
  Escalation,
  Goodwill,
  InboxItem,
} from '../../../src/cases/cases.schema.js';
export type { CaseMessage, SearchResult } from '../../../src/cases/case-messages.schema.js';
export type { RootCauseCategory, Pareto } from '../../../src/cases/root-causes.schema.js';
export type { Purchase } from '../../../src/purchases/purchases.schema.js';
export type { Contract, ProductPrice } from '../../../src/products/products.schema.js';
export type { AtRiskItem, Diagnostics, Score } from '../../../src/churn/churn.schema.js';
export type { Answer, Definition as SurveyDefinition } from '../../../src/surveys/surveys.schema.js';
export type { CaseMetrics } from '../../../src/cases/case-metrics.schema.js';
