import type { ReactNode } from 'react';
import { type Column, DataTable } from './DataTable';
import { Loaded } from './Loaded';
import { MorePagesFooter } from './MorePagesFooter';
import { type CursorPages } from './useCursorPages';

/**
 * A list read a page at a time, as a table with "Load more" beneath: a spinner or the error
 * until the first page comes, `empty` when it has nothing, one row per item after that.
 */
export function PagedTable<K extends string, T>({
  pages,
  label,
  loadingLabel,
  columns,
  empty,
  children,
}: {
  pages: CursorPages<K, T>;
  label: string;
  loadingLabel: string;
  columns: Column[];
  empty: ReactNode;
  children(item: T): ReactNode;
}) {
  return (
    <Loaded resource={pages.first} loadingLabel={loadingLabel}>
      {() =>
        pages.items && pages.items.length > 0 ? (
          <DataTable
            label={label}
            columns={columns}
            footer={<MorePagesFooter nextCursor={pages.nextCursor} loadMore={pages.loadMore} />}
          >
            {pages.items.map(children)}
          </DataTable>
        ) : (
          empty
        )
      }
    </Loaded>
  );
}
