import type { RoomCsat } from '@app/contracts';
import { useState } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import { rateConversation } from '../../shared/widget-api';

const RATINGS = [1, 2, 3, 4, 5] as const;

export interface CsatPromptProps {
  baseUrl: string;
  roomId: string;
  visitorToken: string;
  strings: Strings;
  /** The rating the room already has (from the server, so it survives a reload). */
  rated?: RoomCsat | null;
}

/**
 * Asks the visitor of a conversation closed as resolved for a rating of 1 to 5 and an optional
 * comment, then thanks them. A later rating replaces the first, so "Change my rating" asks again.
 */
export function CsatPrompt({ baseUrl, roomId, visitorToken, strings, rated }: CsatPromptProps) {
  const [rating, setRating] = useState<number | undefined>(rated?.rating);
  const [comment, setComment] = useState(rated?.comment ?? '');
  const [editing, setEditing] = useState(!rated);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const done = !editing && (rated?.rating ?? rating);

  if (done)
    return (
      <div class="parley-csat">
        <p role="status">{strings.rateThanks(done)}</p>
        <button
          type="button"
          class="parley-button parley-button-secondary"
          onClick={() => setEditing(true)}
        >
          {strings.rateChange}
        </button>
      </div>
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!rating || busy) return;
    setBusy(true);
    const answer = await rateConversation(baseUrl, roomId, visitorToken, {
      rating,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    setBusy(false);
    setFailed(!answer.ok);
    if (answer.ok) setEditing(false);
  };

  return (
    <form class="parley-csat" onSubmit={submit}>
      <fieldset class="parley-field">
        <legend class="parley-label">{strings.rateTitle}</legend>
        <div class="parley-csat-scale">
          {RATINGS.map((value) => (
            <button
              key={value}
              type="button"
              class="parley-csat-star"
              aria-pressed={rating === value ? 'true' : 'false'}
              aria-label={strings.rateOption(value)}
              onClick={() => setRating(value)}
            >
              {rating !== undefined && value <= rating ? '★' : '☆'}
            </button>
          ))}
        </div>
      </fieldset>
      <label class="parley-label" for="parley-csat-comment">
        {strings.rateComment}
      </label>
      <textarea
        id="parley-csat-comment"
        class="parley-input"
        rows={2}
        maxLength={1000}
        value={comment}
        onInput={(event) => setComment(event.currentTarget.value)}
      />
      {failed && <p role="alert">{strings.failed}</p>}
      <button
        type="submit"
        class="parley-button"
        disabled={!rating}
        aria-busy={busy ? 'true' : undefined}
      >
        {strings.rateSend}
      </button>
    </form>
  );
}
