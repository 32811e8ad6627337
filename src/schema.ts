// The whole database's row types, composed from each domain's own table types.
import type { CaseTables } from './cases/cases.tables.js';
import type { ChurnTables } from './churn/churn.tables.js';
import type { CaseMessageTables } from './cases/case-messages.tables.js';
import type { CasePublicTables } from './cases/case-public.tables.js';
import type { RootCauseTables } from './cases/root-causes.tables.js';
import type { CustomerTables } from './customers/customers.tables.js';
import type { PlatformTables } from './platform/db/platform.tables.js';
import type { ProductTables } from './products/products.tables.js';
import type { PurchaseTables } from './purchases/purchases.tables.js';
import type { RetentionTables } from './retention/retention.tables.js';
import type { SurveyTables } from './surveys/surveys.tables.js';
import type { TaskTables } from './tasks/tasks.tables.js';
import type { TouchpointTables } from './touchpoints/touchpoints.tables.js';
import type { WebhookTables } from './webhooks/webhooks.tables.js';

export interface Database
  extends PlatformTables,
    CustomerTables,
    TouchpointTables,
    TaskTables,
    CaseTables,
    CaseMessageTables,
    CasePublicTables,
    RootCauseTables,
    SurveyTables,
    PurchaseTables,
    ProductTables,
    ChurnTables,
    RetentionTables,
    WebhookTables {}
