// Whether an error means "the database cannot serve right now" (server restarting, connection
// refused or cut, too many connections, SQLite locked or disk full) rather than a bug: such
// requests answer 503 with Retry-After, and the next request tries again.
const PG_CODES = new Set([
  '57P01', // admin_shutdown (server restart, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
  '53100', // disk_full
]);
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const SQLITE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (PG_CODES.has(code) || (code.startsWith('08') && code.length === 5)) return true;
    if (NODE_CODES.has(code)) return true;
    if (SQLITE_CODES.has(code) || [...SQLITE_CODES].some((c) => code.startsWith(`${c}_`))) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (PG_MESSAGES.some((m) => message.includes(m))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Runs `write`, retrying while the database is unavailable (a restart, a failover) for up to
 * `maxMs`; any other error, or an outage that lasts longer, is thrown.
 */
export async function retryWhileDatabaseUnavailable<T>(write: () => Promise<T>, maxMs = 120_000): Promise<T> {
  const until = Date.now() + maxMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await write();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() + wait > until) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
