import type { ReactNode } from 'react';

/** A column heading: `numeric` right-aligns the column; `actions` is the unlabelled button column. */
export type Column = string | { label: string; numeric?: boolean } | { actions: true };

function Heading({ column }: { column: Column }) {
  if (typeof column === 'string') return <th scope="col">{column}</th>;
  if ('actions' in column)
    return (
      <th scope="col" className="actions">
        <span className="sr-only">Actions</span>
      </th>
    );
  return (
    <th scope="col" className={column.numeric ? 'numeric' : undefined}>
      {column.label}
    </th>
  );
}

/** The dashboard's tables: a scrolling wrapper, a labelled table, headings, then the rows. */
export function DataTable({
  label,
  columns,
  children,
  footer,
}: {
  label: string;
  columns: Column[];
  children: ReactNode;
  /** Below the table, inside the wrapper (e.g. "Load more"). */
  footer?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <Heading
                key={typeof column === 'string' ? column : 'actions' in column ? '' : column.label}
                column={column}
              />
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {footer}
    </div>
  );
}
