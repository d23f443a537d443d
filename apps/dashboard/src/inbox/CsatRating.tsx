import type { RoomCsat } from '@app/contracts';

/** The visitor's rating of a resolved conversation, with their comment (shown as text). */
export function CsatRating({ csat }: { csat: RoomCsat }) {
  return (
    <span data-testid="room-csat">
      <span aria-hidden="true">
        {'★'.repeat(csat.rating)}
        {'☆'.repeat(5 - csat.rating)}{' '}
      </span>
      Rated {csat.rating}/5 by the visitor
      {csat.comment && <q className="muted"> {csat.comment}</q>}
    </span>
  );
}
