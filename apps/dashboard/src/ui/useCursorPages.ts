import { useCallback, useState } from 'react';
import { api, type RequestOptions } from '../api/client';
import { type ApiResource, useApi } from './useApi';
import { type Submission, useSubmit } from './useSubmit';

/** A page of a list the API pages with an opaque cursor. */
export type CursorPage<K extends string, T> = { [key in K]: T[] } & { nextCursor: string | null };

export interface CursorPages<K extends string, T> {
  /** The first page: loading, error and reload as `useApi` gives them. */
  first: ApiResource<CursorPage<K, T>>;
  /** Every item loaded so far for the current query; undefined until the first page came. */
  items: T[] | undefined;
  nextCursor: string | null;
  loadMore: Submission;
  /** Starts again from the first page. */
  refresh(): void;
}

/**
 * A list read a page at a time (`?cursor=`): the first page with `useApi`, the next ones on
 * `loadMore`, appended. Pages loaded for another query are dropped when the query changes.
 */
export function useCursorPages<K extends string, T>(
  path: string,
  listKey: K,
  query: NonNullable<RequestOptions['query']>,
): CursorPages<K, T> {
  const queryKey = JSON.stringify(query);
  const first = useApi<CursorPage<K, T>>(path, query);
  const [more, setMore] = useState<{ queryKey: string; items: T[]; nextCursor: string | null }>();
  const extra = more?.queryKey === queryKey ? more : undefined;
  const nextCursor = extra ? extra.nextCursor : (first.data?.nextCursor ?? null);

  const loadMore = useSubmit(
    useCallback(async () => {
      if (!nextCursor) return;
      const current = JSON.parse(queryKey) as typeof query;
      const page = await api<CursorPage<K, T>>(path, {
        query: { ...current, cursor: nextCursor },
      });
      setMore({
        queryKey,
        items: [...(extra?.items ?? []), ...page[listKey]],
        nextCursor: page.nextCursor,
      });
    }, [path, listKey, queryKey, nextCursor, extra]),
  );

  const { reload } = first;
  const refresh = useCallback(() => {
    setMore(undefined);
    reload();
  }, [reload]);

  const items = first.data ? [...first.data[listKey], ...(extra?.items ?? [])] : undefined;
  return { first, items, nextCursor, loadMore, refresh };
}
