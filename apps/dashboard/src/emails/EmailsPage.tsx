import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { RequirePermission } from '../layout/RequirePermission';
import { DataTable } from '../ui/DataTable';
import { MorePagesFooter } from '../ui/MorePagesFooter';
import { EmptyState } from '../ui/EmptyState';
import { SelectField } from '../ui/fields';
import { filterOptions } from '../ui/filterOptions';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useSubmit } from '../ui/useSubmit';
import { NotificationRow } from './NotificationRow';
import {
  KIND_LABELS,
  type Notification,
  type NotificationPage,
  STATE_LABELS,
} from './notificationTypes';

const PATH = '/api/email/notifications';
const PAGE_SIZE = 50;

/** The email log: every notification Parley sent or tried to, newest first. */
export function EmailsPage() {
  return (
    <RequirePermission permission="notifications:manage">
      <Emails />
    </RequirePermission>
  );
}

function Emails() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const kind = params.get('kind') ?? '';
  const filterKey = `${state}|${kind}`;
  const query = useMemo(() => ({ state, kind, limit: PAGE_SIZE }), [state, kind]);
  const first = useApi<NotificationPage>(PATH, query);

  // Pages after the first, for the current filters only.
  const [more, setMore] = useState<{ filterKey: string } & NotificationPage>();
  const extra = more?.filterKey === filterKey ? more : undefined;
  const nextCursor = extra ? extra.nextCursor : first.data?.nextCursor;

  const loadMore = useSubmit(
    useCallback(async () => {
      const page = await api<NotificationPage>(PATH, {
        query: { ...query, cursor: nextCursor ?? undefined },
      });
      setMore({
        filterKey,
        notifications: [...(extra?.notifications ?? []), ...page.notifications],
        nextCursor: page.nextCursor,
      });
    }, [query, filterKey, nextCursor, extra]),
  );

  const { setData } = first;
  const replace = useCallback(
    (changed: Notification) => {
      const swap = (list: Notification[]) =>
        list.map((item) => (item.id === changed.id ? changed : item));
      setData((page) => page && { ...page, notifications: swap(page.notifications) });
      setMore((page) => page && { ...page, notifications: swap(page.notifications) });
    },
    [setData],
  );

  const setFilter = (name: 'state' | 'kind', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Emails"
        description="Every email Parley sends for your workspace, newest first. A dead one can be sent again."
        actions={
          <button
            type="button"
            className="button"
            onClick={() => {
              setMore(undefined);
              first.reload();
            }}
            disabled={first.loading}
          >
            {first.loading ? 'Refreshing…' : 'Refresh'}
          </button>
        }
      />
      <div className="toolbar" role="group" aria-label="Filters">
        <SelectField
          label="State"
          value={state}
          onChange={(value) => setFilter('state', value)}
          options={filterOptions('Any state', STATE_LABELS)}
        />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(value) => setFilter('kind', value)}
          options={filterOptions('Any kind', KIND_LABELS)}
        />
      </div>
      <Loaded resource={first} loadingLabel="Loading emails…">
        {(page) => {
          const list = [...page.notifications, ...(extra?.notifications ?? [])];
          if (list.length === 0)
            return (
              <div className="card">
                <EmptyState title="No emails here">
                  {state || kind
                    ? 'Nothing matches these filters.'
                    : 'Emails appear here once Parley sends one: invitations, replies to visitors, transcripts, reports.'}
                </EmptyState>
              </div>
            );
          return (
            <DataTable
              label="Emails"
              columns={[
                'Kind',
                'Recipient',
                'State',
                { label: 'Attempts', numeric: true },
                'Last error',
                'Times',
                { actions: true },
              ]}
              footer={<MorePagesFooter nextCursor={nextCursor} loadMore={loadMore} />}
            >
              {list.map((notification) => (
                <NotificationRow
                  key={notification.id}
                  notification={notification}
                  onChange={replace}
                />
              ))}
            </DataTable>
          );
        }}
      </Loaded>
    </>
  );
}
