import { useState } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { forgetCannedReplies } from '../inbox/useCannedReplies';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { Card } from '../ui/Card';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { CannedReplyForm } from './CannedReplyForm';
import type { CannedReply, CannedReplyDraft } from './cannedReplyTypes';

const PATH = '/api/tenant/canned-replies';
const EMPTY: CannedReplyDraft = { shortcut: '', title: null, body: '', scope: 'personal' };

/** Saved replies agents insert in the reply box with `/` and a shortcut. */
export function CannedRepliesPage() {
  return (
    <RequirePermission permission="chats:join">
      <CannedReplies />
    </RequirePermission>
  );
}

function CannedReplies() {
  const replies = useApi<{ cannedReplies: CannedReply[] }>(PATH);
  return (
    <>
      <PageHeader
        title="Canned replies"
        description="Type / and a shortcut in the reply box to insert one."
      />
      <Loaded resource={replies} loadingLabel="Loading canned replies…">
        {({ cannedReplies }) => (
          <CannedRepliesCard
            replies={cannedReplies}
            onChanged={(next) => {
              forgetCannedReplies();
              replies.setData({ cannedReplies: next });
            }}
          />
        )}
      </Loaded>
    </>
  );
}

const byShortcut = (a: CannedReply, b: CannedReply) =>
  a.shortcut.localeCompare(b.shortcut) || a.scope.localeCompare(b.scope);

function CannedRepliesCard({
  replies,
  onChanged,
}: {
  replies: CannedReply[];
  onChanged(replies: CannedReply[]): void;
}) {
  const { can } = useSession();
  const canShare = can('canned:manage');
  const [editing, setEditing] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  // A personal reply is the caller's own (no other is listed); a shared one needs the permission.
  const mayChange = (reply: CannedReply) => reply.scope === 'personal' || canShare;

  const create = async (draft: CannedReplyDraft) => {
    const created = await api<CannedReply>(PATH, { method: 'POST', body: draft });
    onChanged([...replies, created].sort(byShortcut));
    setFormKey((key) => key + 1);
  };
  const update = async (reply: CannedReply, { shortcut, title, body }: CannedReplyDraft) => {
    const updated = await api<CannedReply>(`${PATH}/${reply.id}`, {
      method: 'PATCH',
      body: { shortcut, title, body },
    });
    onChanged(replies.map((other) => (other.id === updated.id ? updated : other)).sort(byShortcut));
    setEditing(null);
  };

  return (
    <Card
      title="Replies"
      description={
        canShare
          ? 'Shared replies are offered to every agent; personal ones only to you.'
          : 'Shared replies are kept by your admins; personal ones are yours alone.'
      }
    >
      {replies.length > 0 && (
        <DataTable label="Canned replies" columns={['Shortcut', 'Reply', 'Who', { actions: true }]}>
          {replies.map((reply) =>
            editing === reply.id ? (
              <tr key={reply.id}>
                <td colSpan={4}>
                  <CannedReplyForm
                    initial={reply}
                    canShare={canShare}
                    chooseScope={false}
                    submitLabel={`Save /${reply.shortcut}`}
                    onSubmit={(draft) => update(reply, draft)}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={reply.id}>
                <td>
                  <code>/{reply.shortcut}</code>
                  {reply.title && <div className="muted">{reply.title}</div>}
                </td>
                <td>{reply.body}</td>
                <td>
                  {reply.scope === 'shared' ? (
                    <Badge tone="info">Shared</Badge>
                  ) : (
                    <Badge>Personal</Badge>
                  )}
                </td>
                <td className="actions">
                  {mayChange(reply) && (
                    <>
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Edit /${reply.shortcut}`}
                        onClick={() => setEditing(reply.id)}
                      >
                        Edit
                      </button>
                      <ConfirmButton
                        label="Delete"
                        aria-label={`Delete /${reply.shortcut}`}
                        className="button small danger-outline"
                        title={`Delete /${reply.shortcut}?`}
                        confirmLabel="Delete reply"
                        danger
                        onConfirm={async () => {
                          await api(`${PATH}/${reply.id}`, { method: 'DELETE' });
                          onChanged(replies.filter((other) => other.id !== reply.id));
                        }}
                      >
                        {reply.scope === 'shared'
                          ? 'No agent will be offered it any more.'
                          : 'You will not be offered it any more.'}
                      </ConfirmButton>
                    </>
                  )}
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      <h3>New canned reply</h3>
      <CannedReplyForm
        key={formKey}
        initial={EMPTY}
        canShare={canShare}
        chooseScope
        submitLabel="Add canned reply"
        onSubmit={create}
      />
    </Card>
  );
}
