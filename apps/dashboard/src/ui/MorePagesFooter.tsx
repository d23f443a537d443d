import { ErrorMessage } from './ErrorMessage';
import type { Submission } from './useSubmit';

/** Under a paged table: the button that loads the next page while there is one, and its error. */
export function MorePagesFooter({
  nextCursor,
  loadMore,
  label = 'Load more',
}: {
  /** The next page's cursor; none on the last page. */
  nextCursor: string | null | undefined;
  loadMore: Submission;
  label?: string;
}) {
  return (
    <>
      {nextCursor && (
        <div className="table-footer">
          <button
            type="button"
            className="button"
            onClick={() => void loadMore.run()}
            disabled={loadMore.sending}
          >
            {loadMore.sending ? 'Loading…' : label}
          </button>
        </div>
      )}
      <ErrorMessage error={loadMore.error} />
    </>
  );
}
