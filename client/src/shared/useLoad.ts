import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Asks again for the same thing; what is shown stays until the answer comes. */
  reload(): void;
}

/**
 * Runs `load` whenever `key` changes and keeps only the latest answer, so a fast switch never shows stale data.
 * `load` null waits (nothing to ask yet). A new `refresh` value reloads like `reload`, for a parent that knows
 * the data changed.
 */
export function useLoad<T>(load: (() => Promise<T>) | null, key: string, refresh = 0): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown }>({ key: '', data: null, error: null });
  const [round, setRound] = useState(0);
  // `load` is a fresh closure each render; `key` says when it asks for something else.
  const ask = useEffectEvent(() => load?.());
  const waiting = load === null;
  useEffect(() => {
    if (waiting) return;
    let current = true;
    ask()?.then(
      (data) => current && setState({ key, data, error: null }),
      (error: unknown) => current && setState({ key, data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [key, round, refresh, waiting]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : null,
    error: fresh ? state.error : null,
    loading: !!load && (!fresh || (state.data === null && state.error === null)),
    reload,
  };
}
