import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../lib/api.js';
import { asApiError } from './console-api.js';

/** Data loaded from the hub, with its loading and error state; a newer load wins over an older one. */
export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally (after a change the page already knows about). */
  update: (change: (current: T | undefined) => T | undefined) => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (ticket !== latest.current) return;
        setError(asApiError(failure));
        setLoading(false);
      },
    );
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const update = useCallback((change: (current: T | undefined) => T | undefined) => setData(change), []);
  return { data, error, loading, reload, update };
}
