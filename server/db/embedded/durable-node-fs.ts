import { closeSync, fsyncSync, openSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type EmscriptenModule = Parameters<NodeFS['init']>[1];

/** The part of Emscripten's NODEFS this file reaches into: the file operations every open file shares. */
interface NodeFsStream {
  nfd?: number;
  node: unknown;
}
interface EmscriptenNodeFs {
  realPath(node: unknown): string;
  stream_ops: { fsync?: (stream: NodeFsStream) => number };
}
interface EmscriptenErrno {
  new (errno: number): Error;
}

/** Emscripten's errno for EIO: what PostgreSQL is told when the disk refuses an fsync. */
const EMSCRIPTEN_EIO = 29;

/**
 * PGlite's files in a folder of the real disk, with fsync that reaches the disk. Emscripten's NODEFS has no fsync
 * (PGlite's issue #1107): every fsync PostgreSQL asks for returns at once, and PGlite starts PostgreSQL with `-F`
 * (fsync off) anyway, so a power cut could lose commits already acknowledged. Here an fsync of an open file
 * becomes a real fsync of its descriptor, and of a folder (after a file is created or renamed in it) a real fsync
 * of that folder; PostgreSQL is started with fsync on and `wal_sync_method=fsync` (Emscripten's fdatasync does
 * nothing). PostgreSQL then does what it does on any disk: fsync the WAL before a commit returns, and the data
 * files at each checkpoint before it forgets the WAL that covers them.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: EmscriptenModule) {
    const preRun = [
      ...(options.preRun ?? []),
      (mod: { NODEFS: EmscriptenNodeFs; FS: { ErrnoError: EmscriptenErrno } }) => {
        const nodefs = mod.NODEFS;
        nodefs.stream_ops.fsync = (stream) => {
          try {
            if (stream.nfd !== undefined) fsyncSync(stream.nfd);
            else syncFolder(nodefs.realPath(stream.node));
            return 0;
          } catch {
            throw new mod.FS.ErrnoError(EMSCRIPTEN_EIO);
          }
        };
      },
    ];
    return super.init(pg, { ...options, preRun });
  }
}

function syncFolder(path: string) {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** PGlite's start parameters with PostgreSQL's fsync back on. */
export const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'];

/** A PGlite in `dataDir` whose commits reach the disk before they return, or, with `durable` off, PGlite as it comes. */
export function durablePGliteOptions(dataDir: string, durable: boolean): PGliteOptions {
  return durable ? { fs: new DurableNodeFS(dataDir), startParams: DURABLE_START_PARAMS } : { dataDir };
}
