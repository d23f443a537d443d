import {
  type Journey,
  type JourneyAnswers,
  type JourneyQuestion,
  nextNodeId,
  stopFrom,
} from '@app/contracts/journey/journey-graph';
import { useState } from 'react';
import { useRouting } from '../../inbox/useRouting';

interface JourneyPreviewProps {
  journey: Pick<Journey, 'startNodeId' | 'nodes'>;
  /** The journey has problems: the preview waits until they are fixed. */
  blocked: boolean;
}

/** The journey as a visitor walks it: one question at a time, Back and Restart, to its end. */
export function JourneyPreview({ journey, blocked }: JourneyPreviewProps) {
  const [asked, setAsked] = useState<string[]>([]);
  const [answers, setAnswers] = useState<JourneyAnswers>({});
  const routing = useRouting();
  if (blocked)
    return <p className="muted">Fix the problems marked in the steps to try the journey here.</p>;

  const byId = new Map(journey.nodes.map((node) => [node.id, node]));
  const restart = () => {
    setAsked([]);
    setAnswers({});
  };
  const answer = (question: JourneyQuestion, value: JourneyAnswers[string] | undefined) => {
    const given = { ...answers };
    if (value === undefined) delete given[question.id];
    else given[question.id] = value;
    setAnswers(given);
    const next = stopFrom(journey, nextNodeId(question, given), given);
    if (next) setAsked([...asked, next.id]);
  };

  const first = stopFrom(journey, journey.startNodeId, answers);
  const at = asked.length === 0 ? first : (byId.get(asked.at(-1)!) ?? null);
  return (
    <div className="journey-preview" aria-label="Journey preview" role="region">
      {!at ? (
        <p className="muted">This way leads nowhere yet.</p>
      ) : at.type === 'end' ? (
        <div>
          <p>
            <strong>The chat starts</strong> (end <code>{at.id}</code>)
          </p>
          <ul className="plain-list">
            <li>
              Category:{' '}
              {at.category ? (
                (routing.categoryName(at.category) ?? at.category)
              ) : (
                <span className="muted">none</span>
              )}
            </li>
            <li>Priority: {at.priority ?? 'normal'}</li>
            <li>
              Team:{' '}
              {at.teamId ? (
                (routing.teamName(at.teamId) ?? at.teamId)
              ) : (
                <span className="muted">the workspace's queue</span>
              )}
            </li>
            {at.firstMessage && <li>First message: “{at.firstMessage}”</li>}
          </ul>
        </div>
      ) : at.type === 'condition' ? null : (
        <PreviewQuestion
          key={at.id}
          question={at}
          answer={answers[at.id]}
          onAnswer={(value) => answer(at, value)}
        />
      )}
      <div className="journey-preview-tools">
        <button
          type="button"
          className="button small ghost"
          disabled={asked.length === 0}
          onClick={() => setAsked(asked.slice(0, -1))}
        >
          Back
        </button>
        <button type="button" className="button small ghost" onClick={restart}>
          Restart
        </button>
      </div>
    </div>
  );
}

function PreviewQuestion({
  question,
  answer,
  onAnswer,
}: {
  question: JourneyQuestion;
  answer: JourneyAnswers[string] | undefined;
  onAnswer(value: JourneyAnswers[string] | undefined): void;
}) {
  const [text, setText] = useState(typeof answer === 'string' ? answer : '');
  const [ticked, setTicked] = useState<string[]>(Array.isArray(answer) ? answer : []);
  const options = question.options ?? [];
  return (
    <div>
      <p>
        <strong>{question.label || '(no question yet)'}</strong>
        {question.required && <span className="muted"> (required)</span>}
      </p>
      {question.type === 'single-choice' ? (
        <div className="journey-preview-options">
          {options.map((option) => (
            <button
              key={option.value}
              type="button"
              className="button small"
              onClick={() => onAnswer(option.value)}
            >
              {option.value}
            </button>
          ))}
        </div>
      ) : question.type === 'multiple-choice' ? (
        options.map((option) => (
          <label key={option.value} className="checkbox-field">
            <input
              type="checkbox"
              checked={ticked.includes(option.value)}
              onChange={(event) =>
                setTicked(
                  event.target.checked
                    ? [...ticked, option.value]
                    : ticked.filter((value) => value !== option.value),
                )
              }
            />
            {option.value}
          </label>
        ))
      ) : question.type === 'image' ? (
        <p className="muted">The visitor chooses an image here.</p>
      ) : (
        <input
          className="input"
          aria-label={question.label}
          type={
            question.type === 'number' ? 'number' : question.type === 'email' ? 'email' : 'text'
          }
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      )}
      <div className="journey-preview-options">
        {question.type !== 'single-choice' && (
          <button
            type="button"
            className="button small"
            disabled={
              question.required &&
              (question.type === 'multiple-choice'
                ? ticked.length === 0
                : question.type === 'image'
                  ? false
                  : !text.trim())
            }
            onClick={() =>
              onAnswer(
                question.type === 'multiple-choice'
                  ? ticked
                  : question.type === 'image'
                    ? 'preview_image'
                    : text.trim() || undefined,
              )
            }
          >
            Next
          </button>
        )}
        {!question.required && (
          <button type="button" className="button small ghost" onClick={() => onAnswer(undefined)}>
            Skip
          </button>
        )}
      </div>
    </div>
  );
}
