// The ordered list of migrations. Numbers are never reused; a migration is never edited once landed.
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_customers.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_customers': m0002,
};
