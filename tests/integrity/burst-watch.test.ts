import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BurstWatch, type Arrival } from '../../server/respond/burst-watch.js';
import { BURST, DEVICE_REPEAT, isCounted, isStraightline } from '../../server/shared/rules/answer-marks.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 3, 9, 0);

/** An answer from `address` at minute `minute`, with a key of its own unless given. */
const arrival = (address: string, extra: Partial<Arrival> = {}): Arrival => ({
  target: '1:2:student',
  address,
  clientKey: randomUUID(),
  expected: 1000,
  minSeconds: 40,
  ...extra,
});

/** Feeds arrivals one by one, storing each under the next id; returns the marks of each and every id marked later. */
function feed(watch: BurstWatch, arrivals: Array<[Arrival, number]>) {
  let id = 0;
  const marks: string[][] = [];
  const markedLater = new Set<number>();
  for (const [a, at] of arrivals) {
    const watched = watch.arrive(a, at);
    marks.push(watched.marks);
    for (const earlier of watched.earlier) markedLater.add(earlier);
    for (const late of watched.stored(++id)) markedLater.add(late);
  }
  return { marks, markedLater };
}

describe('bursts from one address (docs/methodology.md §7)', () => {
  it('does not mark a computer lab of 30 distinct devices answering within minutes', () => {
    const lab = Array.from({ length: 30 }, (_, i): [Arrival, number] => [arrival('192.0.2.1', { deviceId: randomUUID() }), T0 + i * 10_000]);
    expect(feed(new BurstWatch(), lab).marks.flat()).toEqual([]);
  });

  it(`marks the answer past ${BURST.labSize} in ${BURST.windowMinutes} minutes and every earlier one of the window`, () => {
    const flood = Array.from({ length: BURST.labSize + 1 }, (_, i): [Arrival, number] => [arrival('192.0.2.2'), T0 + i * 1000]);
    const { marks, markedLater } = feed(new BurstWatch(), flood);
    expect(marks.slice(0, BURST.labSize).flat()).toEqual([]);
    expect(marks[BURST.labSize]).toEqual(['address_burst']);
    expect([...markedLater].sort((a, b) => a - b)).toEqual(Array.from({ length: BURST.labSize }, (_, i) => i + 1));
  });

  it('does not mark a school answering lesson after lesson, one lab at a time', () => {
    // Six lessons of 30, each 45 minutes after the last: 180 answers in a day, never more than 30 in a window.
    const day = Array.from({ length: 180 }, (_, i): [Arrival, number] => [arrival('192.0.2.3'), T0 + Math.floor(i / 30) * 45 * MINUTE + (i % 30) * 5000]);
    expect(feed(new BurstWatch(), day).marks.flat()).toEqual([]);
  });

  it('marks every answer of the day once one address sends more than the role expects', () => {
    const answers = Array.from({ length: 11 }, (_, i): [Arrival, number] => [arrival('192.0.2.4', { expected: 10 }), T0 + i * 20 * MINUTE]);
    const { marks, markedLater } = feed(new BurstWatch(), answers);
    expect(marks.slice(0, 10).flat()).toEqual([]);
    expect(marks[10]).toEqual(['address_burst']);
    expect(markedLater.size).toBe(10);
  });

  it('counts a retry of the same answer once', () => {
    const key = randomUUID();
    const retries = Array.from({ length: BURST.labSize + 5 }, (_, i): [Arrival, number] => [arrival('192.0.2.5', { clientKey: key }), T0 + i * 1000]);
    expect(feed(new BurstWatch(), retries).marks.flat()).toEqual([]);
  });

  it('keeps addresses apart, and forgets a window that has passed', () => {
    const watch = new BurstWatch();
    const two = Array.from({ length: 2 * BURST.labSize }, (_, i): [Arrival, number] => [arrival(i % 2 ? '192.0.2.6' : '192.0.2.7'), T0 + i * 1000]);
    expect(feed(watch, two).marks.flat()).toEqual([]);
    const later = Array.from({ length: BURST.labSize }, (_, i): [Arrival, number] => [arrival('192.0.2.6'), T0 + (BURST.windowMinutes + 2) * MINUTE + i]);
    expect(feed(watch, later).marks.flat()).toEqual([]);
  });
});

describe('repeats from one device', () => {
  it('marks a second answer sooner than the questionnaire can be filled in, not one after it', () => {
    const deviceId = randomUUID();
    const { marks } = feed(new BurstWatch(), [
      [arrival('a', { deviceId }), T0],
      [arrival('b', { deviceId }), T0 + 39_000],
      [arrival('c', { deviceId }), T0 + 39_000 + 41_000],
    ]);
    expect(marks).toEqual([[], ['device_repeat'], []]);
  });

  it(`marks a device past ${DEVICE_REPEAT.perDay} answers in a day, however slow`, () => {
    const deviceId = randomUUID();
    const lessons = Array.from({ length: DEVICE_REPEAT.perDay + 1 }, (_, i): [Arrival, number] => [arrival('lab', { deviceId }), T0 + i * 45 * MINUTE]);
    expect(feed(new BurstWatch(), lessons).marks).toEqual([...Array(DEVICE_REPEAT.perDay).fill([]), ['device_repeat']]);
  });
});

describe('which marks hold an answer back', () => {
  it('counts an unmarked or straightlined answer, holds the others until accepted, and never counts an excluded one', () => {
    expect(isCounted([], null)).toBe(true);
    expect(isCounted(['straightline'], null)).toBe(true);
    for (const mark of ['no_ticket', 'ticket_reused', 'too_fast', 'device_repeat', 'address_burst'] as const) {
      expect(isCounted([mark], null)).toBe(false);
      expect(isCounted([mark, 'straightline'], 'accepted')).toBe(true);
    }
    expect(isCounted([], 'excluded')).toBe(false);
  });

  it('calls four or more scale answers at one position a straightline, and nothing less', () => {
    expect(isStraightline([0, 0, 0, 0])).toBe(true);
    expect(isStraightline([2, 2, 2, 2, 2])).toBe(true);
    expect(isStraightline([0, 0, 0])).toBe(false);
    expect(isStraightline([0, 0, 1, 0])).toBe(false);
  });
});
