// The API's response types, inferred from the server's Zod schemas (the schemas its routes answer
// with). Type-only imports: nothing of the server is bundled, and a contract change breaks `tsc`.
// Feature-specific types sit in the feature's *.api.ts the same way; none is written by hand.
import type { z } from 'zod';
import type {
  meSchema,
  sessionSchema,
  teamSchema,
  userSchema,
} from '../../../src/platform/auth/auth.schema.js';
import type {
  caseAuditEntrySchema,
  goodwillBudgetSchema,
  letterSchema,
} from '../../../src/cases/cases.schema.js';
import type { metricsSettingsSchema } from '../../../src/cases/case-metrics.schema.js';
import type {
  Consent,
  Customer,
  customerAuditEntrySchema,
  TierSettings,
} from '../../../src/customers/customers.schema.js';
import type { Task } from '../../../src/tasks/tasks.schema.js';

export type User = z.infer<typeof userSchema>;
export type Role = User['role'];
export type Team = z.infer<typeof teamSchema>;
export type Session = z.infer<typeof sessionSchema>;
/** GET /auth/me (a token caller has no CSRF token). */
export type Me = z.infer<typeof meSchema>;
export type { Consent, Customer, Task, TierSettings };
export type TierRule = TierSettings['rules'][number];

/** An audit entry with its entity (a customer's trail; the case page adds the case as entity). */
export type AuditEntry = z.infer<typeof customerAuditEntrySchema>;
export type CaseAuditEntry = z.infer<typeof caseAuditEntrySchema>;
export type GoodwillBudget = z.infer<typeof goodwillBudgetSchema>;
export type Letter = z.infer<typeof letterSchema>;
export type MetricsSettings = z.infer<typeof metricsSettingsSchema>;

export type {
  Case,
  CasePoint,
  Commitment,
  Escalation,
  Goodwill,
  InboxItem,
  LetterTemplates,
} from '../../../src/cases/cases.schema.js';
export type { CaseSettings } from '../../../src/cases/case-settings.js';
export type { CaseMessage, SearchResult } from '../../../src/cases/case-messages.schema.js';
export type { RootCauseCategory, Pareto } from '../../../src/cases/root-causes.schema.js';
export type { Purchase } from '../../../src/purchases/purchases.schema.js';
export type { Contract, ProductPrice } from '../../../src/products/products.schema.js';
export type { AtRiskItem, Diagnostics, Score } from '../../../src/churn/churn.schema.js';
export type { ChurnRunMetrics } from '../../../src/churn/churn.metrics.js';
export type { Answer, Definition as SurveyDefinition } from '../../../src/surveys/surveys.schema.js';
export type { CaseMetrics } from '../../../src/cases/case-metrics.schema.js';
export type { Touchpoint } from '../../../src/touchpoints/touchpoints.schema.js';
