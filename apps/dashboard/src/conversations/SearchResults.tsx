import type { SearchResult } from '@app/contracts';
import { Link } from 'react-router';
import { Badge } from '../ui/Badge';
import { DataTable } from '../ui/DataTable';
import { MorePagesFooter } from '../ui/MorePagesFooter';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { useCursorPages } from '../ui/useCursorPages';
import { highlightRuns } from './highlight';
import { statusOf } from './history-filters';

const FOUND_IN: Record<SearchResult['kind'], string> = {
  message: 'Message',
  note: 'Private note',
  visitor: 'Visitor',
};

/** What `GET /api/chat/search` finds for the words and filters, a page at a time. */
export function SearchResults({ query }: { query: Record<string, string | number> }) {
  const pages = useCursorPages<'results', SearchResult>('/api/chat/search', 'results', query);
  return (
    <Loaded resource={pages.first} loadingLabel="Searching…">
      {() => {
        const results = pages.items ?? [];
        if (results.length === 0)
          return (
            <div className="card">
              <EmptyState title="Nothing found">
                No message, private note or visitor holds every one of these words.
              </EmptyState>
            </div>
          );
        return (
          <DataTable
            label="Search results"
            columns={['Conversation', 'Found', 'Status', 'Written']}
            footer={
              <MorePagesFooter
                nextCursor={pages.nextCursor}
                loadMore={pages.loadMore}
                label="More results"
              />
            }
          >
            {results.map((result) => (
              <ResultRow key={`${result.room.roomId}:${result.id ?? 'visitor'}`} result={result} />
            ))}
          </DataTable>
        );
      }}
    </Loaded>
  );
}

function ResultRow({ result }: { result: SearchResult }) {
  const { room } = result;
  const status = statusOf(room);
  return (
    <tr data-room-id={room.roomId}>
      <td>
        <Link to={`/inbox/${room.roomId}`}>
          #{room.displayId} {room.visitor.name || 'Visitor'}
        </Link>
        <div className="muted">{room.visitor.email}</div>
      </td>
      <td>
        <Badge tone={result.kind === 'note' ? 'warning' : 'neutral'}>{FOUND_IN[result.kind]}</Badge>
        {result.highlights.map((highlight, index) => (
          <p key={index} className="search-highlight">
            {highlightRuns(highlight).map((run, at) =>
              run.marked ? <mark key={at}>{run.text}</mark> : run.text,
            )}
          </p>
        ))}
      </td>
      <td>
        <Badge tone={status.tone}>{status.label}</Badge>
      </td>
      <td className="nowrap">{formatDateTime(result.at)}</td>
    </tr>
  );
}
