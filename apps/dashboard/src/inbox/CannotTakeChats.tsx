import { EmptyState } from '../ui/EmptyState';

/** For users whose role does not include joining chats (an analyst, a billing admin). */
export function CannotTakeChats() {
  return (
    <div className="inbox-refused">
      <EmptyState title="You cannot take chats">
        Your role does not include answering visitors. If you should, ask an admin of your workspace
        to give you the Agent role.
      </EmptyState>
    </div>
  );
}
