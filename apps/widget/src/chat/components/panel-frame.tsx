import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Strings } from '../../i18n/en';
import { CloseIcon } from './icons';

interface PanelFrameProps {
  /** `widget`: a dialog beside the launcher; `page`: the hosted conversation page. */
  variant: 'widget' | 'page';
  open: boolean;
  title: string;
  strings: Strings;
  /** Changes when the content is replaced (form → conversation): focus moves into the new one. */
  focusKey: string;
  onClose?: () => void;
  children: ComponentChildren;
}

/** Moves focus to the content's `data-autofocus` element, else to the panel's heading. */
function focusInto(panel: HTMLElement): void {
  const target =
    panel.querySelector<HTMLElement>('[data-autofocus]') ??
    panel.querySelector<HTMLElement>('h1, h2');
  target?.focus();
}

export function PanelFrame(props: PanelFrameProps) {
  const { variant, open, title, strings, focusKey, onClose, children } = props;
  const panelRef = useRef<HTMLDivElement>(null);
  const widget = variant === 'widget';

  useEffect(() => {
    if (open && widget && panelRef.current) focusInto(panelRef.current);
  }, [open, widget, focusKey]);

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !onClose) return;
    event.stopPropagation();
    onClose();
  };

  const Heading = widget ? 'h2' : 'h1';
  return (
    <div
      ref={panelRef}
      id="parley-panel"
      class={`parley-panel parley-panel--${variant}`}
      role={widget ? 'dialog' : 'main'}
      aria-labelledby="parley-title"
      hidden={!open}
      onKeyDown={closeOnEscape}
    >
      <header class="parley-header">
        <Heading id="parley-title" class="parley-title" tabIndex={-1}>
          {title}
        </Heading>
        {onClose && (
          <button
            type="button"
            class="parley-icon-button"
            aria-label={strings.closeChat}
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        )}
      </header>
      <div class="parley-body">{children}</div>
    </div>
  );
}
