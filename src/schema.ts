// The whole database's row types, composed from each domain's own table types.
import type { CustomerTables } from './customers/customers.tables.js';
import type { PlatformTables } from './platform/db/platform.tables.js';

export interface Database extends PlatformTables, CustomerTables {}
