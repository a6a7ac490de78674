import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/api-client.js';

export interface Loaded<T> {
  /** The last successful answer; kept while a reload runs so the page does not flash empty. */
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
  setData: Dispatch<SetStateAction<T | null>>;
}

/**
 * Runs `load` on mount, whenever `load` changes (wrap it in `useCallback` with its inputs) and on
 * `reload()`. A run still in flight when the next starts is aborted, so a slow answer never
 * replaces a newer one.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` only exists to re-run the load.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    load(controller.signal).then(
      (value) => {
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (isAbort(err)) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}
