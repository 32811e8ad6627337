// The whole database's row types, composed from each domain's own table types.
import type { PlatformTables } from './platform/db/platform.tables.js';

export interface Database extends PlatformTables {}
