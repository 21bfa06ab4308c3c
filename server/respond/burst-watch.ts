import { BURST, DEVICE_REPEAT, type AnswerMark } from '../shared/rules/answer-marks.js';

const DAY_MS = 24 * 3600_000;
const WINDOW_MS = BURST.windowMinutes * 60_000;

/** One answer as the watch saw it arrive; `id` once it is stored. */
interface Sighting {
  at: number;
  clientKey: string;
  id?: number;
  /** Part of a burst: marked when it arrived, or to be marked once it is stored. */
  burst: boolean;
}

/**
 * Answers in the order they arrived, of which those from `head` on are less than a day old and those from `windowHead`
 * on are inside the burst window. Sightings in [flaggedFrom, flaggedTo) are flagged as a burst. Every pointer only
 * moves forward, so each arrival costs the same however many came before it: a flood must not slow the server.
 */
class Trail {
  sightings: Sighting[] = [];
  head = 0;
  windowHead = 0;
  flaggedFrom = 0;
  flaggedTo = 0;
  /** Client keys seen: a retry of an answer is the same answer, not another one. */
  readonly keys = new Set<string>();

  forget(now: number) {
    while (this.head < this.sightings.length && now - this.sightings[this.head]!.at >= DAY_MS) this.keys.delete(this.sightings[this.head++]!.clientKey);
    this.windowHead = Math.max(this.windowHead, this.head);
    while (this.windowHead < this.sightings.length && now - this.sightings[this.windowHead]!.at >= WINDOW_MS) this.windowHead++;
    if (this.head > 1000 && this.head * 2 > this.sightings.length) {
      const cut = this.head;
      this.sightings = this.sightings.slice(cut);
      this.head = 0;
      this.windowHead -= cut;
      this.flaggedFrom = Math.max(0, this.flaggedFrom - cut);
      this.flaggedTo = Math.max(0, this.flaggedTo - cut);
    }
  }

  get today() {
    return this.sightings.length - this.head;
  }

  get inWindow() {
    return this.sightings.length - this.windowHead;
  }

  /** Flags every sighting from `from` to the end; returns the stored ones that were not flagged before. */
  flagFrom(from: number): number[] {
    const stored: number[] = [];
    const flag = (start: number, end: number) => {
      for (let i = start; i < end; i++) {
        const s = this.sightings[i]!;
        s.burst = true;
        if (s.id !== undefined) stored.push(s.id);
      }
    };
    const end = this.sightings.length;
    if (this.flaggedTo <= this.flaggedFrom || from > this.flaggedTo) {
      flag(from, end);
      this.flaggedFrom = from;
    } else {
      if (from < this.flaggedFrom) flag(from, this.flaggedFrom);
      flag(this.flaggedTo, end);
      this.flaggedFrom = Math.min(from, this.flaggedFrom);
    }
    this.flaggedTo = end;
    return stored;
  }
}

export interface Arrival {
  /** `${waveId}:${schoolId}:${role}`: what one address or device is answering. */
  target: string;
  address: string;
  clientKey: string;
  /** The random id the page keeps in the browser; absent from scripts and old pages. */
  deviceId?: string;
  /** The role's expected respondents at the school: one address never honestly sends more. */
  expected: number;
  /** The questionnaire's time floor: one device cannot honestly answer twice faster than this. */
  minSeconds: number;
}

/** What the watch decided about one arrival; `stored` tells it the id the answer got. */
export interface Watched {
  marks: AnswerMark[];
  /** Stored answers that this arrival revealed as part of a burst: they get the mark too. */
  earlier: number[];
  /** Call with the stored id; returns it again when this answer must be marked after all. */
  stored(id: number): number[];
}

/**
 * Bursts of answers (docs/methodology.md §7), watched in this process's memory for a day and never written down:
 * addresses and device ids mark answers but are not stored with them. A burst is more answers from one address to
 * one school × role than a computer lab of distinct devices gives in one lesson, or more in a day than the role's
 * expected respondents; every answer of the burst is marked, the first ones too. A device repeat is a device
 * answering again sooner than anyone can fill the questionnaire, or more often in a day than a lab computer
 * serves lessons; only the repeats are marked. A retry of an answer (the same client key) is not counted again.
 */
export class BurstWatch {
  private readonly addresses = new Map<string, Trail>();
  private readonly devices = new Map<string, Array<{ at: number; clientKey: string }>>();
  private arrivals = 0;

  arrive(arrival: Arrival, now = Date.now()): Watched {
    if (++this.arrivals % 1000 === 0) this.sweep(now);
    const marks: AnswerMark[] = [];
    let earlier: number[] = [];

    const addressKey = `${arrival.target}|${arrival.address}`;
    let trail = this.addresses.get(addressKey);
    if (!trail) this.addresses.set(addressKey, (trail = new Trail()));
    trail.forget(now);
    let sighting: Sighting | undefined;
    if (!trail.keys.has(arrival.clientKey)) {
      trail.keys.add(arrival.clientKey);
      sighting = { at: now, clientKey: arrival.clientKey, burst: false };
      trail.sightings.push(sighting);
      const overExpected = arrival.expected > 0 && trail.today > arrival.expected;
      if (trail.inWindow > BURST.labSize || overExpected) {
        marks.push('address_burst');
        earlier = trail.flagFrom(overExpected ? trail.head : trail.windowHead);
      }
    }

    if (arrival.deviceId) {
      const deviceKey = `${arrival.target}|${arrival.deviceId}`;
      const seen = (this.devices.get(deviceKey) ?? []).filter((d) => now - d.at < DAY_MS);
      this.devices.set(deviceKey, seen);
      if (!seen.some((d) => d.clientKey === arrival.clientKey)) {
        const last = seen.at(-1);
        if ((last !== undefined && now - last.at < arrival.minSeconds * 1000) || seen.length >= DEVICE_REPEAT.perDay) marks.push('device_repeat');
        // A device that keeps answering is marked from then on; what it remembers stays bounded by the day's limit.
        seen.push({ at: now, clientKey: arrival.clientKey });
        if (seen.length > DEVICE_REPEAT.perDay * 4) seen.splice(0, seen.length - DEVICE_REPEAT.perDay * 4);
      }
    }

    return {
      marks,
      earlier,
      stored: (id) => {
        if (!sighting) return [];
        sighting.id = id;
        // A burst noticed while this answer was on its way in: it was stored without the mark it now needs.
        return sighting.burst && !marks.includes('address_burst') ? [id] : [];
      },
    };
  }

  /** Forgets what is older than a day, so memory follows the day's traffic, not the wave's. */
  private sweep(now: number) {
    for (const [key, trail] of this.addresses) {
      trail.forget(now);
      if (trail.today === 0) this.addresses.delete(key);
    }
    for (const [key, seen] of this.devices) {
      if (seen.every((d) => now - d.at >= DAY_MS)) this.devices.delete(key);
    }
  }
}
