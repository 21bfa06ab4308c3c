/**
 * What the respondent has filled in so far, kept in localStorage under the link's token so a
 * reload, a closed tab or a dead battery loses nothing. The clientKey lives here too: one key per
 * filled questionnaire, so every retry of its submission is recognised by the server as the same.
 */
export interface Progress {
  clientKey: string;
  data: Record<string, unknown>;
  pageNo: number;
  startedAt: number;
  /** The server's start ticket of this filling-in (it measures the time itself), and when the page got it. */
  ticket?: string;
  ticketAt?: number;
  /** 'sending': «Отправить» was pressed and the server has not confirmed yet; resume after a reload. */
  status: 'filling' | 'sending' | 'done';
  /** When this device last wrote it: a draft left on a shared computer expires (see `DRAFT_KEPT_MS`). */
  savedAt?: number;
}

/**
 * How long a draft of an open link stays on the device untouched: the next student at a shared school computer must
 * not find the previous one's answers. Answers already sent off ('sending') never expire: the queue delivers them.
 * The page says the number (strings.ts `draftKept`).
 */
export const DRAFT_KEPT_MS = 4 * 3600_000;

const keyOf = (token: string) => `respond:v1:${token}`;

/** crypto.randomUUID exists only on HTTPS (and localhost); getRandomValues works everywhere. */
function uuidV4(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function freshProgress(ticket: string | undefined): Progress {
  return { clientKey: uuidV4(), data: {}, pageNo: 0, startedAt: Date.now(), ticket, ticketAt: Date.now(), status: 'filling' };
}

/** Well inside the server's 48 hours: a ticket kept longer is replaced by the one the page has just been given. */
const TICKET_KEPT_MS = 40 * 3600_000;

/**
 * The ticket to send: the one of the first opening, so the time counts from when the questionnaire was begun, unless
 * it is missing (progress saved by an earlier page) or about to expire.
 */
export function withTicket(progress: Progress, current: string): Progress {
  if (progress.ticket && progress.ticketAt && Date.now() - progress.ticketAt < TICKET_KEPT_MS) return progress;
  return { ...progress, ticket: current, ticketAt: Date.now() };
}

const DEVICE_KEY = 'respond:device';

/**
 * A random id of this browser, sent with every answer so the server can notice one device answering again and
 * again. It names no one, is never stored with an answer, and is the same for every questionnaire.
 */
export function deviceId(): string | undefined {
  try {
    const known = localStorage.getItem(DEVICE_KEY);
    if (known && /^[0-9a-f-]{36}$/.test(known)) return known;
    const id = uuidV4();
    localStorage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    return undefined;
  }
}

/** Whether stored progress is a draft (or a finished questionnaire) left untouched too long; never answers being sent. */
function isStale(p: Partial<Progress>, now: number): boolean {
  // A page of an earlier version kept no savedAt: the start is the latest moment known for sure.
  const savedAt = typeof p.savedAt === 'number' ? p.savedAt : typeof p.startedAt === 'number' ? p.startedAt : 0;
  return p.status !== 'sending' && now - savedAt > DRAFT_KEPT_MS;
}

/** Whether the progress of an open link has expired: a page left open on a shared computer then starts afresh. */
export function draftExpired(token: string, now = Date.now()): boolean {
  try {
    const raw = localStorage.getItem(keyOf(token));
    return raw !== null && isStale(JSON.parse(raw) as Partial<Progress>, now);
  } catch {
    return false;
  }
}

/**
 * The progress saved for a link. With `expires` (an open link, which anyone at the computer may open next) a draft or a
 * finished questionnaire untouched for `DRAFT_KEPT_MS` is erased instead of shown; answers waiting to be sent never are.
 */
export function loadProgress(token: string, { expires = false } = {}, now = Date.now()): Progress | null {
  try {
    const raw = localStorage.getItem(keyOf(token));
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<Progress>;
    if (typeof p.clientKey !== 'string' || typeof p.data !== 'object' || p.data === null) return null;
    if (expires && isStale(p, now)) {
      clearProgress(token);
      return null;
    }
    return {
      clientKey: p.clientKey,
      data: p.data,
      pageNo: Number.isInteger(p.pageNo) ? p.pageNo! : 0,
      startedAt: typeof p.startedAt === 'number' ? p.startedAt : Date.now(),
      ticket: typeof p.ticket === 'string' ? p.ticket : undefined,
      ticketAt: typeof p.ticketAt === 'number' ? p.ticketAt : undefined,
      status: p.status === 'sending' || p.status === 'done' ? p.status : 'filling',
      savedAt: typeof p.savedAt === 'number' ? p.savedAt : undefined,
    };
  } catch {
    return null;
  }
}

export function saveProgress(token: string, progress: Progress) {
  try {
    localStorage.setItem(keyOf(token), JSON.stringify({ ...progress, savedAt: Date.now() }));
  } catch {
    // Private mode or a full storage: the questionnaire still works, it just will not survive a reload.
  }
}

export function clearProgress(token: string) {
  try {
    localStorage.removeItem(keyOf(token));
  } catch {
    // Nothing to clear where storage is unavailable.
  }
}

const LANGUAGE_KEY = 'respond:language';

/** The questionnaire language chosen on this device, for every link: a family reads one language. */
export function loadLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

export function saveLanguage(language: string) {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Without storage the choice lasts until the page is closed.
  }
}
