import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file that says which process has the embedded database open. */
export const LOCK_FILE = 'server.lock';

/** The process id a lock file names, if that process is still running; null for no lock or a stale one. */
export function lockHolder(dir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(join(dir, LOCK_FILE), 'utf8'), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/**
 * Marks `dir` as open by this process until `release`. PGlite does not lock its folder, and PostgreSQL's own
 * postmaster.pid cannot tell a running server from a killed one (PGlite writes a fixed process id into it): this
 * lock names the real process, so a second server, a backup or a restore refuses a folder in use and goes ahead
 * after a crash. Two processes starting at the same instant both pass the check; the exclusive create lets one win.
 */
export function takeFolderLock(dir: string): { release(): void } {
  mkdirSync(dir, { recursive: true });
  const holder = lockHolder(dir);
  if (holder !== null) throw new Error(`${dir} is in use by process ${holder}: stop that server first`);
  const file = join(dir, LOCK_FILE);
  rmSync(file, { force: true });
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${dir} is being opened by another process at the same moment`, { cause: error });
    throw error;
  }
  return { release: () => rmSync(file, { force: true }) };
}
