import { Badge } from '../../ui/Badge';
import { AllowedOrigins, ApiKeyPrefix } from './ChatbotFacts';
import type { Chatbot } from './chatbotTypes';

/** A chatbot's settings to read, for users who may not change them. */
export function ChatbotSummary({ chatbot }: { chatbot: Chatbot }) {
  const { appearance, preChatForm } = chatbot;
  return (
    <dl className="details">
      <dt>Allowed origins</dt>
      <dd>
        <AllowedOrigins chatbot={chatbot} />
      </dd>
      <dt>Colour</dt>
      <dd>
        <span className="swatch-dot" style={{ background: appearance.color }} aria-hidden="true" />
        <code>{appearance.color}</code>
      </dd>
      <dt>Greeting</dt>
      <dd>{appearance.greeting || <span className="muted">None</span>}</dd>
      <dt>Waiting message</dt>
      <dd>{appearance.waitingMessage}</dd>
      <dt>API key</dt>
      <dd>
        <ApiKeyPrefix chatbot={chatbot} />
      </dd>
      <dt>Pre-chat questions</dt>
      <dd>
        {preChatForm.fields.length === 0 ? (
          <span className="muted">None: visitors give their name and email only.</span>
        ) : (
          <ol className="plain-list">
            {preChatForm.fields.map((field) => (
              <li key={field.id}>
                {field.label}{' '}
                <span className="muted">
                  ({field.type}
                  {field.required ? ', required' : ''})
                </span>{' '}
                {field.category && <Badge tone="info">Category</Badge>}
                {field.options && <span className="cell-sub"> — {field.options.join(', ')}</span>}
              </li>
            ))}
          </ol>
        )}
      </dd>
    </dl>
  );
}
