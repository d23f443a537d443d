import { useEffect, useRef } from 'react';
import { CopyButton } from '../../ui/CopyButton';
import type { ChatbotWithKey } from './chatbotTypes';

/** The demo page (served beside the dashboard) reads the chatbot from its hash, never sent to a server. */
function demoUrl(chatbot: ChatbotWithKey): string {
  const params = new URLSearchParams({
    tenantId: chatbot.tenantId,
    chatbotId: chatbot.id,
    apiKey: chatbot.apiKey,
  });
  return `/demo/#${params}`;
}

/**
 * The API key and the embed snippet, shown once after creation or rotation: Parley keeps only
 * a hash of the key, so this is the admin's one chance to copy it.
 */
export function ApiKeyCallout({
  chatbot,
  onDismiss,
}: {
  chatbot: ChatbotWithKey;
  onDismiss(): void;
}) {
  // It appears where the admin is not looking (above a long form): bring it into view.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section className="callout" aria-labelledby="api-key-heading" data-testid="api-key-callout">
      <div className="callout-header">
        <div>
          <h2 id="api-key-heading" ref={heading} tabIndex={-1}>
            API key for {chatbot.name}
          </h2>
          <p className="card-description">The widget on your site uses it to start chats.</p>
        </div>
      </div>
      <p className="alert alert-warning" role="status">
        <strong>Copy it now: it will not be shown again.</strong> Parley keeps only a fingerprint of
        the key. If you lose it, rotate the key and update your site.
      </p>
      <div className="secret">
        <code data-testid="api-key">{chatbot.apiKey}</code>
        <CopyButton text={chatbot.apiKey} label="Copy key" aria-label="Copy API key" />
      </div>
      <div className="stack-small">
        <h3>Embed snippet</h3>
        <p className="field-hint">
          Paste it before <code>&lt;/body&gt;</code> on every page of your site where the chat
          should appear.
        </p>
        <div className="code-block">
          <pre data-testid="embed-snippet">
            <code>{chatbot.embedSnippet}</code>
          </pre>
          <CopyButton text={chatbot.embedSnippet} aria-label="Copy embed snippet" />
        </div>
      </div>
      <div className="form-actions">
        <a
          className="button primary"
          href={demoUrl(chatbot)}
          target="_blank"
          rel="noopener noreferrer"
        >
          Try it on the demo page ↗
        </a>
        <button type="button" className="button" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
