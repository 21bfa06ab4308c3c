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
  const [report, setReport] = useState<ParticipationReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState(false);
  // Answers that race each other: only the latest request may set the figures.
  const latest = useRef(0);

  const refresh = useCallback(() => {
    if (waveId === null) return;
    const request = ++latest.current;
    getParticipation(waveId).then(
      (next) => {
        if (request !== latest.current) return;
        setReport(next);
        setError(null);
      },
      (failure) => request === latest.current && setError(failure),
    );
  }, [waveId]);

  useEffect(() => {
    setReport(null);
    setError(null);
    setLive(false);
    if (waveId === null) return;
    const events = new EventSource(participationEventsUrl(waveId));
    let opened = false;
    events.addEventListener('open', () => {
      opened = true;
      setLive(true);
      refresh();
    });
    events.addEventListener('changed', refresh);
    events.addEventListener('error', () => {
      setLive(false);
      // The stream was refused (no session, out of scope): the figures request says why.
      if (!opened || events.readyState === EventSource.CLOSED) refresh();
    });
    return () => events.close();
  }, [waveId, refresh]);

  return { report, error, live, refresh };
}
