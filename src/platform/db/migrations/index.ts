// The ordered list of migrations. Numbers are never reused; a migration is never edited once landed.
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_customers.js';
import * as m0003 from './0003_purchases.js';
import * as m0004 from './0004_products.js';
import * as m0005 from './0005_touchpoints.js';
import * as m0006 from './0006_tasks.js';
import * as m0007 from './0007_cases.js';
import * as m0008 from './0008_case_conversation.js';
import * as m0009 from './0009_surveys.js';
import * as m0010 from './0010_churn.js';
import * as m0011 from './0011_retention.js';
import * as m0012 from './0012_case_owner_loads.js';
import * as m0013 from './0013_churn_signals.js';
import * as m0014 from './0014_root_cause_observations.js';
import * as m0015 from './0015_case_search_leaner.js';
import * as m0016 from './0016_task_overdue_notice.js';
import * as m0017 from './0017_task_text_keys.js';
import * as m0018 from './0018_api_token_expiry.js';
import * as m0019 from './0019_job_fencing.js';
import * as m0020 from './0020_login_throttle.js';
import * as m0021 from './0021_churn_ranking.js';
import * as m0022 from './0022_sso.js';
import * as m0023 from './0023_long_operations.js';
import * as m0024 from './0024_webhooks.js';
import * as m0025 from './0025_loyalty_penalty_findings.js';
import * as m0026 from './0026_goodwill_four_eyes.js';
import * as m0028 from './0028_erasure_leaves_nothing.js';
import * as m0029 from './0029_case_public.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_customers': m0002,
  '0003_purchases': m0003,
  '0004_products': m0004,
  '0005_touchpoints': m0005,
  '0006_tasks': m0006,
  '0007_cases': m0007,
  '0008_case_conversation': m0008,
  '0009_surveys': m0009,
  '0010_churn': m0010,
  '0011_retention': m0011,
  '0012_case_owner_loads': m0012,
  '0013_churn_signals': m0013,
  '0014_root_cause_observations': m0014,
  '0015_case_search_leaner': m0015,
  '0016_task_overdue_notice': m0016,
  '0017_task_text_keys': m0017,
  '0018_api_token_expiry': m0018,
  '0019_job_fencing': m0019,
  '0020_login_throttle': m0020,
  '0021_churn_ranking': m0021,
  '0022_sso': m0022,
  '0023_long_operations': m0023,
  '0024_webhooks': m0024,
  '0025_loyalty_penalty_findings': m0025,
  '0026_goodwill_four_eyes': m0026,
  '0028_erasure_leaves_nothing': m0028,
  '0029_case_public': m0029,
};
