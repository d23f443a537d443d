import { type ReactNode, useEffect, useRef } from 'react';
import { ContactPanel } from '../contacts/ContactPanel';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { AnswerFile } from './AnswerFile';
import { Avatar } from './Avatar';
import type { RoomDetails } from './chat-api';
import { useChatbots } from './useChatbots';
import { describeBrowser, describeDevice } from './visitor-browser';

interface VisitorDetailsProps {
  details: RoomDetails | null;
  /** On a narrower screen the details are a drawer over the conversation, opened on demand. */
  open: boolean;
  onClose(): void;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <div className="inbox-fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who the visitor is and what they told the pre-chat form. */
export function VisitorDetails({ details, open, onClose }: VisitorDetailsProps) {
  const chatbots = useChatbots();
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    closeButton.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open, onClose]);

  const chatbot = details ? chatbots.get(details.chatbotId) : undefined;
  const answers = Object.entries(details?.answers ?? {});
  const labelOf = (questionId: string) =>
    chatbot?.journey?.nodes.find((node) => node.id === questionId)?.label ?? questionId;

  return (
    <aside
      id="inbox-visitor-details"
      className={`inbox-details${open ? ' is-open' : ''}`}
      aria-label="Visitor details"
    >
      <button
        ref={closeButton}
        type="button"
        className="button ghost inbox-details-close"
        onClick={onClose}
      >
        Close
      </button>
      {!details ? (
        <Loading />
      ) : (
        <>
          <div className="inbox-details-who">
            <Avatar name={details.visitor.name || 'Visitor'} size="large" />
            <p className="inbox-details-name">{details.visitor.name || 'Visitor'}</p>
            {details.visitor.email && (
              <a href={`mailto:${details.visitor.email}`} className="inbox-details-email">
                {details.visitor.email}
              </a>
            )}
          </div>
          <h3 className="inbox-details-heading">Conversation</h3>
          <dl className="inbox-facts">
            <Fact term="Number">#{details.displayId}</Fact>
            <Fact term="Chatbot">{chatbot?.name}</Fact>
            <Fact term="Started">{formatDateTime(details.createdAt)}</Fact>
          </dl>
          <h3 className="inbox-details-heading">Visitor</h3>
          <dl className="inbox-facts">
            <Fact term="Browser">{describeBrowser(details.visitor.browser)}</Fact>
            <Fact term="System">{describeDevice(details.visitor.browser)}</Fact>
            <Fact term="Address">{details.visitor.ip}</Fact>
          </dl>
          {answers.length > 0 && (
            <>
              <h3 className="inbox-details-heading">Pre-chat answers</h3>
              <dl className="inbox-facts inbox-answers">
                {answers.map(([questionId, answer]) => {
                  const file = details.answerFiles?.[questionId];
                  return (
                    <Fact key={questionId} term={labelOf(questionId)}>
                      {file ? (
                        <AnswerFile file={file} question={labelOf(questionId)} />
                      ) : Array.isArray(answer) ? (
                        answer.join(', ')
                      ) : (
                        answer
                      )}
                    </Fact>
                  );
                })}
              </dl>
            </>
          )}
          {details.journey && (
            <p className="field-hint" data-testid="journey-path">
              Journey version {details.journey.version}: {details.journey.path.join(' → ')}
            </p>
          )}
          <ContactPanel roomId={details.roomId} />
        </>
      )}
    </aside>
  );
}
