import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';

/** How often a watched wave's version is read, and so the most often a browser is told to reload. */
export const POLL_INTERVAL_MS = 2000;
/**
 * How often it is read when the database announces every change (PostgreSQL's NOTIFY, migration 0031): only to catch
 * what was said while the listening connection was down.
 */
export const SAFETY_POLL_MS = 60_000;
/** A comment line keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** A stream ends after this long and the browser reconnects, so a session that ended stops being served. */
const MAX_STREAM_MS = 10 * 60_000;

/** A school's total of responses in a wave, and where it sits. */
export interface SchoolTotal {
  schoolId: number;
  municipalityId: number;
  total: number;
}

/** Whether a stream's viewer may see a school's changes. */
export type Sees = (school: SchoolTotal) => boolean;

/** What the poller reads of a wave: its total of responses, and each school's when the total moved. */
export interface ParticipationSource {
  version(waveId: number): Promise<number>;
  schoolTotals(waveId: number): Promise<SchoolTotal[]>;
}

interface Watched {
  /** Each stream with what its viewer may see. */
  streams: Map<ServerResponse, Sees>;
  version: number | null;
  totals: Map<number, SchoolTotal> | null;
  timer: NodeJS.Timeout;
  polling: boolean;
  /** A change was announced while a poll ran: poll once more when it ends. */
  again: boolean;
}

/**
 * Server-sent "changed" events of participation, one poller per watched wave in this process however many
 * browsers watch it. Polling the counters (not an in-process signal) is what lets any number of server
 * processes, on either database, see answers stored by the others; knowing which schools moved is what lets
 * each stream be told only of the schools its viewer may see.
 */
export class ParticipationEvents {
  private readonly waves = new Map<number, Watched>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly source: ParticipationSource,
    private readonly log: FastifyBaseLogger,
    private pollMs = POLL_INTERVAL_MS,
  ) {
    // Unref'd: a heartbeat with nobody to beat for must not keep a process alive.
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), HEARTBEAT_MS).unref();
  }

  /**
   * Takes over a response: writes the stream's headers and keeps it until the browser leaves or the app
   * closes. The stream is told of a change only when a school that `sees` accepts has moved.
   */
  open(waveId: number, res: ServerResponse, sees: Sees) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx buffers responses by default, which would hold events back.
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');

    let watched = this.waves.get(waveId);
    if (!watched) {
      watched = {
        streams: new Map(),
        version: null,
        totals: null,
        polling: false,
        again: false,
        timer: setInterval(() => void this.poll(waveId), this.pollMs),
      };
      this.waves.set(waveId, watched);
      void this.poll(waveId);
    }
    watched.streams.set(res, sees);

    const expiry = setTimeout(() => res.end(), MAX_STREAM_MS);
    res.once('close', () => {
      clearTimeout(expiry);
      this.detach(waveId, res);
    });
  }

  /**
   * The database said the wave's answers changed: look now rather than at the next poll. From then on a wave is polled
   * only now and then (`SAFETY_POLL_MS`), since announcements carry the news.
   */
  changed(waveId: number) {
    const watched = this.waves.get(waveId);
    if (!watched) return;
    if (watched.polling) watched.again = true;
    else void this.poll(waveId);
  }

  /** Every change is announced from now on (the database's notifications are heard): poll waves watched later seldom. */
  announced(pollMs = SAFETY_POLL_MS) {
    this.pollMs = pollMs;
  }

  /** Ends every stream, so closing the app does not wait for browsers that never hang up. */
  close() {
    clearInterval(this.heartbeat);
    for (const [waveId, watched] of this.waves) {
      for (const res of watched.streams.keys()) res.end();
      clearInterval(watched.timer);
      this.waves.delete(waveId);
    }
  }

  private detach(waveId: number, res: ServerResponse) {
    const watched = this.waves.get(waveId);
    if (!watched) return;
    watched.streams.delete(res);
    if (watched.streams.size === 0) {
      clearInterval(watched.timer);
      this.waves.delete(waveId);
    }
  }

  private async poll(waveId: number) {
    const watched = this.waves.get(waveId);
    if (!watched || watched.polling) return;
    watched.polling = true;
    try {
      // The wave's total is the cheaper read (one row, not one per school): a quiet wave is watched at its price.
      const version = await this.source.version(waveId);
      if (version === watched.version) return;
      const totals = new Map((await this.source.schoolTotals(waveId)).map((school) => [school.schoolId, school]));
      if (watched.totals !== null) {
        const moved = changedSchools(watched.totals, totals);
        for (const [res, sees] of watched.streams) {
          if (moved.some(sees)) res.write(`event: changed\ndata: ${JSON.stringify({ waveId })}\n\n`);
        }
      }
      watched.version = version;
      watched.totals = totals;
    } catch (error) {
      this.log.warn({ err: error, waveId }, 'participation poll failed');
    } finally {
      watched.polling = false;
      if (watched.again) {
        watched.again = false;
        void this.poll(waveId);
      }
    }
  }

  private broadcast(text: string) {
    for (const watched of this.waves.values()) for (const res of watched.streams.keys()) res.write(text);
  }
}

/** Schools whose total differs between two polls, a school gone from the counters included. */
function changedSchools(before: Map<number, SchoolTotal>, after: Map<number, SchoolTotal>): SchoolTotal[] {
  const moved = [...after.values()].filter((school) => before.get(school.schoolId)?.total !== school.total);
  const gone = [...before.values()].filter((school) => !after.has(school.schoolId));
  return [...moved, ...gone];
}
