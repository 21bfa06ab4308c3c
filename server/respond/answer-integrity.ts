import { isCounted, isStraightline, TICKET_LIFETIME_HOURS, type AnswerMark } from '../shared/rules/answer-marks.js';
import type { Questionnaire } from '../surveys/questionnaires.js';
import { BurstWatch } from './burst-watch.js';
import type { StartTickets } from './start-ticket.js';

/** What the server knows of one submission besides its answers. */
export interface SubmissionFacts {
  linkId: number;
  /** `${waveId}:${schoolId}:${role}` */
  target: string;
  expected: number;
  questionnaire: Questionnaire;
  answers: Record<string, unknown>;
  clientKey: string;
  ticket?: string;
  deviceId?: string;
  address: string;
}

export interface Verdict {
  marks: AnswerMark[];
  counted: boolean;
  /** Seconds from the ticket's issue to now; null without a valid ticket. */
  durationSeconds: number | null;
  /** Call with the stored id (null when nothing new was stored); returns the ids that must get the burst mark now. */
  settle(id: number | null): readonly number[];
}

/** For each scored scale question answered, the position of the chosen option on its scale (0 = first). */
export function scalePositions(questionnaire: Questionnaire, answers: Record<string, unknown>): number[] {
  const positions: number[] = [];
  for (const name of questionnaire.counting.questions) {
    const spec = questionnaire.questions.get(name);
    const value = answers[name];
    if (spec?.type === 'single' && spec.values.size >= 3) {
      const position = [...spec.values].indexOf(value as string | number);
      if (position >= 0) positions.push(position);
    } else if (spec?.type === 'number' && spec.integer && spec.max - spec.min >= 2 && typeof value === 'number') {
      positions.push(value - spec.min);
    }
  }
  return positions;
}

/**
 * Marks a submission (docs/methodology.md §7) before it is stored: time measured from the server's start ticket,
 * a ticket used for a second answer, speeding, straightlining, and bursts from one address or device. A marked
 * answer is stored all the same; whether it counts is `isCounted`'s rule and, later, the coordinator's decision.
 */
export class AnswerIntegrity {
  /** Tickets in use, by nonce: the answer (client key) each belongs to, and when the ticket expires. */
  private readonly ticketsUsed = new Map<string, { clientKey: string; expires: number }>();
  private submissions = 0;
  private ticketsReady?: Promise<StartTickets>;

  /** `tickets` is asked once, at the first use, and again only after it failed: the key lives in the database. */
  constructor(
    private readonly loadTickets: () => Promise<StartTickets>,
    private readonly bursts = new BurstWatch(),
  ) {}

  private tickets(): Promise<StartTickets> {
    this.ticketsReady ??= this.loadTickets().catch((error: unknown) => {
      this.ticketsReady = undefined;
      throw error;
    });
    return this.ticketsReady;
  }

  async issueTicket(linkId: number): Promise<string> {
    return (await this.tickets()).issue(linkId);
  }

  async check(facts: SubmissionFacts): Promise<Verdict> {
    const tickets = await this.tickets();
    const now = Date.now();
    if (++this.submissions % 1000 === 0) this.forgetExpiredTickets(now);
    const marks: AnswerMark[] = [];
    const ticket = tickets.read(facts.ticket, facts.linkId, now);
    let durationSeconds: number | null = null;
    if (!ticket.valid) {
      marks.push('no_ticket');
    } else {
      durationSeconds = Math.floor((now - ticket.startedAt) / 1000);
      const holder = this.ticketsUsed.get(ticket.nonce);
      // A retry of the same answer brings the same ticket and the same key; another answer with it is a copy.
      if (holder && holder.clientKey !== facts.clientKey) marks.push('ticket_reused');
      else if (!holder) this.ticketsUsed.set(ticket.nonce, { clientKey: facts.clientKey, expires: ticket.startedAt + TICKET_LIFETIME_HOURS * 3600_000 });
      if (durationSeconds < facts.questionnaire.counting.minSeconds) marks.push('too_fast');
    }
    if (isStraightline(scalePositions(facts.questionnaire, facts.answers))) marks.push('straightline');

    const watched = this.bursts.arrive(
      {
        target: facts.target,
        address: facts.address,
        clientKey: facts.clientKey,
        deviceId: facts.deviceId,
        expected: facts.expected,
        minSeconds: facts.questionnaire.counting.minSeconds,
      },
      now,
    );
    marks.push(...watched.marks);
    return {
      marks,
      counted: isCounted(marks, null),
      durationSeconds,
      settle: (id) => (id === null ? watched.earlier : [...watched.earlier, ...watched.stored(id)]),
    };
  }

  private forgetExpiredTickets(now: number) {
    for (const [nonce, { expires }] of this.ticketsUsed) if (expires < now) this.ticketsUsed.delete(nonce);
  }
}
