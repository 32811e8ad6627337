// The ordered list of migrations. Numbers are never reused; a migration is never edited once landed.
import type { Migration } from 'kysely';
import * as m0001 from './0001_platform.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};
