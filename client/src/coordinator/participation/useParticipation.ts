import { useCallback, useEffect, useRef, useState } from 'react';
import { getParticipation, participationEventsUrl, type ParticipationReport } from './api';

export interface LiveParticipation {
  report: ParticipationReport | null;
  error: unknown;
  /** The server's event stream is open: new answers will show without a reload. */
  live: boolean;
  refresh(): void;
}

/**
 * The wave's participation, kept current by the server's "changed" events. The figures are fetched each time
 * the stream opens (first time and after every reconnect), so nothing that arrived while it was down is missed.
 */
export function useParticipation(waveId: number | null): LiveParticipation {
  // Kept with the wave they belong to: switching waves shows nothing of the previous one, with no reset to run.
  const [state, setState] = useState<{ waveId: number | null; report: ParticipationReport | null; error: unknown; live: boolean }>({
    waveId,
    report: null,
    error: null,
    live: false,
  });
  const update = useCallback(
    (change: Partial<Omit<LiveParticipation, 'refresh'>>) =>
      setState((was) => ({ ...(was.waveId === waveId ? was : { report: null, error: null, live: false }), waveId, ...change })),
    [waveId],
  );
  // Answers that race each other: only the latest request may set the figures.
  const latest = useRef(0);

  const refresh = useCallback(() => {
    if (waveId === null) return;
    const request = ++latest.current;
    getParticipation(waveId).then(
      (report) => request === latest.current && update({ report, error: null }),
      (error: unknown) => request === latest.current && update({ error }),
    );
  }, [waveId, update]);

  useEffect(() => {
    if (waveId === null) return;
    const events = new EventSource(participationEventsUrl(waveId));
    let opened = false;
    events.addEventListener('open', () => {
      opened = true;
      update({ live: true });
      refresh();
    });
    events.addEventListener('changed', refresh);
    events.addEventListener('error', () => {
      update({ live: false });
      // The stream was refused (no session, out of scope): the figures request says why.
      if (!opened || events.readyState === EventSource.CLOSED) refresh();
    });
    return () => events.close();
  }, [waveId, refresh, update]);

  const current = state.waveId === waveId ? state : { report: null, error: null, live: false };
  return { report: current.report, error: current.error, live: current.live, refresh };
}
