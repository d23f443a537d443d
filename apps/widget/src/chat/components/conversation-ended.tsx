import { useEffect, useRef } from 'preact/hooks';
import type { Strings } from '../../i18n/en';

/** Replaces the send box once the room is closed. */
export function ConversationEnded({
  strings,
  onStartNew,
}: {
  strings: Strings;
  onStartNew?: () => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);

  // The send box that had focus is gone: hand focus to what replaced it, not to the page.
  useEffect(() => {
    const button = buttonRef.current;
    const root = button?.getRootNode() as Document | ShadowRoot | undefined;
    if (button && (!root?.activeElement || root.activeElement === document.body)) button.focus();
  }, []);

  return (
    <div class="parley-ended">
      <p>{strings.ended}</p>
      {onStartNew && (
        <button
          ref={buttonRef}
          type="button"
          class="parley-button"
          data-autofocus=""
          onClick={onStartNew}
        >
          {strings.startNew}
        </button>
      )}
    </div>
  );
}
