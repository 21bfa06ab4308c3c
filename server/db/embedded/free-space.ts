import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Bytes the server may still write on the disk that holds `dir`. Replaceable, so tests can fill a disk. */
export type FreeSpace = (dir: string) => Promise<number>;

/** The folder itself, or before it is created, the nearest folder above it: the disk it will be on. */
function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

export const statfsFreeSpace: FreeSpace = async (dir) => {
  const stats = await statfs(nearestExisting(dir));
  // bavail, not bfree: blocks reserved for root are not ours to count on.
  return stats.bavail * stats.bsize;
};

export const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));

/** The reason the embedded database must not start in `dir`, or null when its disk has room. */
export async function refusalToStart(dir: string, minFreeBytes: number, freeSpace: FreeSpace): Promise<string | null> {
  const free = await freeSpace(dir);
  if (free >= minFreeBytes) return null;
  return (
    `Not starting: the disk of the data folder ${dir} has ${megabytes(free)} MB free, below MIN_FREE_DISK_MB=${megabytes(minFreeBytes)}. ` +
    'The embedded database needs room for its write-ahead log (16 MB a segment, more while it recovers) and for the answers to come. ' +
    'Free some space, set DATA_DIR to a folder on a larger disk, or use PostgreSQL (DATABASE_URL).'
  );
}
