import type { RoomSummary } from '@app/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth/SessionProvider';
import { describeCloseReason } from '../inbox/close-reasons';
import { QueueFilters, type QueueFilter } from '../inbox/QueueFilters';
import { PRIORITIES_HIGH_FIRST, PRIORITY_LABEL, RoomLabels } from '../inbox/RoomLabels';
import { useChatbots } from '../inbox/useChatbots';
import { useRouting } from '../inbox/useRouting';
import { useLabels } from '../labels/useLabels';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { DataTable } from '../ui/DataTable';
import { MorePagesFooter } from '../ui/MorePagesFooter';
import { EmptyState } from '../ui/EmptyState';
import { CheckboxField, SelectField, TextField } from '../ui/fields';
import { formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useCursorPages } from '../ui/useCursorPages';
import {
  FILTER_NAMES,
  filtersFrom,
  historyQuery,
  HISTORY_STATUSES,
  searchQuery,
  statusOf,
} from './history-filters';
import { SearchResults } from './SearchResults';

/**
 * Every conversation the agent may see, open and closed, newest first, or those a search finds
 * by their words; each opens read-only.
 */
export function ConversationsPage() {
  return (
    <RequirePermission permission="chats:join">
      <Conversations />
    </RequirePermission>
  );
}

function Conversations() {
  const me = useMe();
  const routing = useRouting();
  const chatbots = useChatbots();
  const { labels } = useLabels();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const filterKey = params.toString();
  const query = useMemo(() => {
    const current = filtersFrom(new URLSearchParams(filterKey));
    return current.q ? searchQuery(current, me.user.id) : historyQuery(current, me.user.id);
  }, [filterKey, me.user.id]);

  const setFilter = (name: (typeof FILTER_NAMES)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const queueFilter: QueueFilter = {
    category: filters.category || undefined,
    teamId: filters.teamId || undefined,
    chatbotId: filters.chatbotId || undefined,
  };

  return (
    <>
      <PageHeader
        title="Conversations"
        description="Every conversation, open and closed, newest first, or those holding the words you search for. Open one to read it."
      />
      <SearchForm
        searched={filters.q}
        onSearch={(words) => setFilter('q', words)}
        sort={filters.sort}
        onSort={(sort) => setFilter('sort', sort)}
      />
      <div className="toolbar" role="group" aria-label="Filter the conversations">
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(value) => setFilter('status', value)}
          options={[
            { value: '', label: 'Any status' },
            ...HISTORY_STATUSES.map(({ value, label }) => ({ value, label })),
          ]}
        />
        <SelectField
          label="Priority"
          value={filters.priority}
          onChange={(value) => setFilter('priority', value)}
          options={[
            { value: '', label: 'Any priority' },
            ...PRIORITIES_HIGH_FIRST.map((value) => ({ value, label: PRIORITY_LABEL[value] })),
          ]}
        />
        {labels.length > 0 && (
          <SelectField
            label="Label"
            value={filters.label}
            onChange={(value) => setFilter('label', value)}
            options={[
              { value: '', label: 'Any label' },
              ...labels.map((label) => ({ value: label.id, label: label.name })),
            ]}
          />
        )}
        <TextField
          label="Started from"
          type="date"
          value={filters.from}
          onChange={(value) => setFilter('from', value)}
        />
        <TextField
          label="Started until"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          onChange={(value) => setFilter('to', value)}
        />
        <CheckboxField
          label="Mine only"
          checked={filters.mine === '1'}
          onChange={(checked) => setFilter('mine', checked ? '1' : '')}
        />
      </div>
      <QueueFilters
        label="Filter by category, team and chatbot"
        filter={queueFilter}
        onChange={(changed) => {
          const next = new URLSearchParams(params);
          for (const name of ['category', 'teamId', 'chatbotId'] as const) {
            const value = changed[name];
            if (value) next.set(name, value);
            else next.delete(name);
          }
          setParams(next, { replace: true });
        }}
        routing={routing}
        chatbots={chatbots}
      />
      {filters.q ? (
        <SearchResults query={query} />
      ) : (
        <ConversationList query={query} filtered={filterKey !== ''} routing={routing} />
      )}
    </>
  );
}

/** The conversations the filters leave, newest first, a page at a time. */
function ConversationList({
  query,
  filtered,
  routing,
}: {
  query: Record<string, string | number>;
  filtered: boolean;
  routing: ReturnType<typeof useRouting>;
}) {
  const pages = useCursorPages<'rooms', RoomSummary>('/api/chat/rooms', 'rooms', query);
  return (
    <>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          onClick={pages.refresh}
          disabled={pages.first.loading}
        >
          {pages.first.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <Loaded resource={pages.first} loadingLabel="Loading conversations…">
        {() => {
          const rooms = pages.items ?? [];
          if (rooms.length === 0)
            return (
              <div className="card">
                <EmptyState title="No conversations here">
                  {filtered
                    ? 'Nothing matches these filters.'
                    : 'Conversations appear here once visitors start chatting.'}
                </EmptyState>
              </div>
            );
          return (
            <DataTable
              label="Conversations"
              columns={['Conversation', 'Status', 'Agent', 'Labels', 'Started', 'Ended']}
              footer={<MorePagesFooter nextCursor={pages.nextCursor} loadMore={pages.loadMore} />}
            >
              {rooms.map((room) => {
                const status = statusOf(room);
                return (
                  <tr key={room.roomId} data-room-id={room.roomId}>
                    <td>
                      <Link to={`/inbox/${room.roomId}`}>
                        #{room.displayId} {room.visitor.name || 'Visitor'}
                      </Link>
                      <div className="muted">{room.visitor.email}</div>
                    </td>
                    <td>
                      <Badge tone={status.tone}>{status.label}</Badge>
                    </td>
                    <td>{room.agent?.name ?? '—'}</td>
                    <td>
                      <RoomLabels room={room} routing={routing} />
                    </td>
                    <td>{formatDateTime(room.createdAt)}</td>
                    <td>
                      {room.closedAt
                        ? `${formatDateTime(room.closedAt)} · ${describeCloseReason(room.closeReason)}`
                        : '—'}
                      {room.csat && (
                        <div className="muted" data-testid="history-csat">
                          Rated {room.csat.rating}/5
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          );
        }}
      </Loaded>
    </>
  );
}

/** The words to search for, searched on Enter; the order once there are results. */
function SearchForm({
  searched,
  onSearch,
  sort,
  onSort,
}: {
  searched: string;
  onSearch(words: string): void;
  sort: string;
  onSort(sort: string): void;
}) {
  const [words, setWords] = useState(searched);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(words.trim());
  };
  return (
    <form className="toolbar" role="search" aria-label="Search conversations" onSubmit={submit}>
      <TextField
        label="Search"
        type="search"
        value={words}
        maxLength={200}
        placeholder="Words in messages, notes, names or emails"
        onChange={setWords}
      />
      <button type="submit" className="button primary">
        Search
      </button>
      {searched && (
        <>
          <SelectField
            label="Order"
            value={sort === 'date' ? 'date' : ''}
            onChange={onSort}
            options={[
              { value: '', label: 'Best match first' },
              { value: 'date', label: 'Newest first' },
            ]}
          />
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              setWords('');
              onSearch('');
            }}
          >
            Clear search
          </button>
        </>
      )}
    </form>
  );
}
