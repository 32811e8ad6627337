// Which process serves an embedded SQLite database: `serve` writes its pid next to the file, and
// `restore` refuses while that process lives (a restore under a running server is silently undone
// when the server checkpoints its write-ahead log on shutdown).
import fs from 'node:fs';

const lockFile = (sqlitePath: string) => `${sqlitePath}.server.pid`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live server on this database file, or null (a stale lock file is removed). */
export function runningServer(sqlitePath: string): number | null {
  const file = lockFile(sqlitePath);
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
  } catch {
    return null;
  }
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return pid;
  fs.rmSync(file, { force: true });
  return null;
}

/** Marks this process as the server of the database file; returns the release function. */
export function holdServerLock(sqlitePath: string): () => void {
  const other = runningServer(sqlitePath);
  if (other !== null) throw new Error(`another server (pid ${other}) is running on ${sqlitePath}`);
  const file = lockFile(sqlitePath);
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}
