import { useEffect } from 'react';
import { useParams } from 'react-router';
import { useSession } from '../auth/SessionProvider';
import { EmptyState } from '../ui/EmptyState';
import { AgentStatusPicker } from './AgentStatusPicker';
import { AlertControls } from './AlertControls';
import { CannotTakeChats } from './CannotTakeChats';
import { ConnectionBanner } from './ConnectionBanner';
import { Conversation } from './Conversation';
import { MyChatsList } from './MyChatsList';
import { OfflineList } from './OfflineList';
import { QueueList } from './QueueList';
import { SlaBreachAlerts } from './SlaBreachAlerts';
import { forgetCannedReplies } from './useCannedReplies';
import { useInboxTitle } from './useInboxTitle';
import './inbox.css';

/** The agent inbox: the queue and the agent's chats, the open conversation, the visitor. */
export function InboxPage() {
  const { can } = useSession();
  // The socket and its state live in InboxProvider, which the layout mounts for agents.
  if (!can('chats:join')) return <CannotTakeChats />;
  return <Inbox />;
}

function Inbox() {
  const { roomId } = useParams();
  const { can } = useSession();
  useInboxTitle();
  // Composers share one load while the inbox is open; coming back to it loads them afresh.
  useEffect(() => forgetCannedReplies, []);

  return (
    <div className={`inbox${roomId ? ' has-room' : ''}`}>
      <ConnectionBanner />
      <aside className="inbox-sidebar" aria-label="Chats">
        <header className="inbox-sidebar-header">
          <h1 className="inbox-title">Inbox</h1>
          <AgentStatusPicker />
        </header>
        <AlertControls />
        {can('chats:supervise') && <SlaBreachAlerts />}
        <div className="inbox-sidebar-lists">
          <QueueList />
          <OfflineList />
          <MyChatsList />
        </div>
      </aside>
      {roomId ? (
        <Conversation key={roomId} roomId={roomId} />
      ) : (
        <section className="inbox-conversation inbox-conversation-empty">
          <EmptyState title="No conversation open">
            Join a waiting visitor, or pick one of your chats.
          </EmptyState>
        </section>
      )}
    </div>
  );
}
