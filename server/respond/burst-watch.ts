import { BURST, DEVICE_REPEAT, type AnswerMark } from '../shared/rules/answer-marks.js';

const DAY_MS = 24 * 3600_000;
const WINDOW_MS = BURST.windowMinutes * 60_000;

/** One answer as the watch saw it arrive; `id` once it is stored. */
interface Sighting {
  at: number;
  id?: number;
  /** Part of a burst: marked when it arrived, or to be marked once it is stored. */
  burst: boolean;
}

export interface Arrival {
  /** `${waveId}:${schoolId}:${role}`: what one address or device is answering. */
  target: string;
  address: string;
  /** The random id the page keeps in the browser; absent from scripts and old pages. */
  deviceId?: string;
  /** The role's expected respondents at the school: one address never honestly sends more. */
  expected: number;
  /** The questionnaire's time floor: one device cannot honestly answer twice faster than this. */
  minSeconds: number;
}

/** What the watch decided about one arrival; `settle` tells it whether the answer was stored. */
export interface Watched {
  marks: AnswerMark[];
  /** Stored answers that this arrival revealed as part of a burst: they get the mark too. */
  earlier: number[];
  /** Call with the stored id, or null when nothing was stored; returns the id again when this answer must be marked after all. */
  settle(id: number | null): number[];
}

/**
 * Bursts of answers (docs/methodology.md §7), watched in this process's memory for a day and never written down:
 * addresses and device ids mark answers but are not stored with them. A burst is more answers from one address to
 * one school × role than a computer lab of distinct devices gives in one lesson, or more in a day than the role's
 * expected respondents; every answer of the burst is marked, the first ones too. A device repeat is a device
 * answering again sooner than anyone can fill the questionnaire, or more often in a day than a lab computer
 * serves lessons; only the repeats are marked.
 */
export class BurstWatch {
  /** Each address's answers to one school × role over the last day. */
  private readonly addresses = new Map<string, { sightings: Sighting[] }>();
  private readonly devices = new Map<string, number[]>();
  private arrivals = 0;

  arrive(arrival: Arrival, now = Date.now()): Watched {
    if (++this.arrivals % 1000 === 0) this.sweep(now);
    const marks: AnswerMark[] = [];
    const earlier: number[] = [];

    const addressKey = `${arrival.target}|${arrival.address}`;
    const trail = this.addresses.get(addressKey) ?? { sightings: [] };
    this.addresses.set(addressKey, trail);
    trail.sightings = trail.sightings.filter((s) => now - s.at < DAY_MS);
    const sighting: Sighting = { at: now, burst: false };
    trail.sightings.push(sighting);
    const recent = trail.sightings.filter((s) => now - s.at < WINDOW_MS);
    const overExpected = arrival.expected > 0 && trail.sightings.length > arrival.expected;
    if (recent.length > BURST.labSize || overExpected) {
      marks.push('address_burst');
      for (const s of overExpected ? trail.sightings : recent) {
        if (s.burst) continue;
        s.burst = true;
        if (s.id !== undefined && s !== sighting) earlier.push(s.id);
      }
    }

    let deviceTimes: number[] | undefined;
    if (arrival.deviceId) {
      const deviceKey = `${arrival.target}|${arrival.deviceId}`;
      deviceTimes = (this.devices.get(deviceKey) ?? []).filter((at) => now - at < DAY_MS);
      this.devices.set(deviceKey, deviceTimes);
      const last = deviceTimes.at(-1);
      if ((last !== undefined && now - last < arrival.minSeconds * 1000) || deviceTimes.length >= DEVICE_REPEAT.perDay) marks.push('device_repeat');
      deviceTimes.push(now);
    }

    return {
      marks,
      earlier,
      settle: (id) => {
        if (id === null) {
          // Refused or a retry of a stored answer: not a new answer, so it is no part of any count.
          trail.sightings = trail.sightings.filter((s) => s !== sighting);
          if (deviceTimes) deviceTimes.splice(deviceTimes.lastIndexOf(now), 1);
          return [];
        }
        sighting.id = id;
        // A burst noticed while this answer was on its way in: it was stored without the mark it now needs.
        return sighting.burst && !marks.includes('address_burst') ? [id] : [];
      },
    };
  }

  /** Forgets what is older than a day, so memory follows the day's traffic, not the wave's. */
  private sweep(now: number) {
    for (const [key, trail] of this.addresses) {
      if (trail.sightings.every((s) => now - s.at >= DAY_MS)) this.addresses.delete(key);
    }
    for (const [key, times] of this.devices) {
      if (times.every((at) => now - at >= DAY_MS)) this.devices.delete(key);
    }
  }
}
