import { isQuestion } from '@app/contracts/journey/journey-graph';
import { Badge } from '../../ui/Badge';
import { AllowedOrigins, ApiKeyPrefix } from './ChatbotFacts';
import type { Chatbot } from './chatbotTypes';

/** A chatbot's settings to read, for users who may not change them. */
export function ChatbotSummary({ chatbot }: { chatbot: Chatbot }) {
  const { appearance, journey } = chatbot;
  const questions = journey.nodes.filter(isQuestion);
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
      <dt>Journey</dt>
      <dd>
        {questions.length === 0 ? (
          <span className="muted">No questions: visitors give their name and email only.</span>
        ) : (
          <>
            <span className="muted">Version {journey.version}</span>
            <ol className="plain-list">
              {questions.map((question) => (
                <li key={question.id}>
                  {question.label}{' '}
                  <span className="muted">
                    ({question.type}
                    {question.required ? ', required' : ''})
                  </span>{' '}
                  {question.category && <Badge tone="info">Category</Badge>}
                  {question.options && (
                    <span className="cell-sub">
                      {' '}
                      — {question.options.map((option) => option.value).join(', ')}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </dd>
    </dl>
  );
}
