import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../app/errors';

/** Loads once per key, keeps the last data while reloading, and turns failures into Russian text. */
export function useResource<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    load()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(null);
      })
      .catch((e) => current && setError(errorText(e)));
    return () => {
      current = false;
    };
    // `load` is a new closure every render; the key says when it asks for something else.
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, setData };
}
