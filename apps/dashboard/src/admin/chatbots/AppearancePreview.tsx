import type { Appearance } from '@app/contracts';

/** A sketch of the widget's window with these colours and texts, beside the fields. */
export function AppearancePreview({ appearance, name }: { appearance: Appearance; name: string }) {
  return (
    <figure className="widget-preview" aria-label="Widget preview">
      <div className="widget-preview-window">
        <div className="widget-preview-header" style={{ background: appearance.color }}>
          {name || 'Your chatbot'}
        </div>
        <div className="widget-preview-body">
          {appearance.greeting && <p className="widget-preview-bubble">{appearance.greeting}</p>}
          <p className="widget-preview-system">{appearance.waitingMessage}</p>
        </div>
      </div>
      <span
        className="widget-preview-launcher"
        style={{ background: appearance.color }}
        aria-hidden="true"
      >
        <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="#fff" strokeWidth="2">
          <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
        </svg>
      </span>
      <figcaption className="sr-only">Preview of the chat widget</figcaption>
    </figure>
  );
}
