import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { api, type RequestOptions } from '../api/client';

export interface ApiResource<T> {
  /** The last answer; kept while a reload or a new query is on its way, so nothing flickers. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Asks again (after a change, or on a timer). */
  reload(): void;
  /** Replaces the answer in place, e.g. with what a PATCH returned. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/**
 * GETs `path` (with `query`) and again whenever either changes; `null` skips the call (a page
 * that may not load it). Answers to an older query are dropped.
 */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): ApiResource<T> {
  const key = path === null ? null : JSON.stringify([path, query ?? {}]);
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(key !== null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const [keyPath, keyQuery] = JSON.parse(key) as [string, RequestOptions['query']];
    let current = true;
    setLoading(true);
    api<T>(keyPath, { query: keyQuery }).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, version]);

  const reload = useCallback(() => setVersion((previous) => previous + 1), []);
  return { data, error, loading, reload, setData };
}
