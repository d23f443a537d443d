import type { Jsonified, VisitorBlockView } from '@app/contracts';
import { api } from '../api/client';
import { RequirePermission } from '../layout/RequirePermission';
import { Badge } from '../ui/Badge';
import { ConfirmButton } from '../ui/ConfirmButton';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';

type Block = Jsonified<VisitorBlockView>;

const PATH = '/api/chat/blocks';

const KIND_LABELS: Record<Block['kind'], string> = { email: 'Email', ip: 'Address' };

/** The visitors blocked from the inbox: by email and by address, and lifting a block. */
export function BlocklistPage() {
  return (
    <RequirePermission permission="chats:block">
      <Blocklist />
    </RequirePermission>
  );
}

function Blocklist() {
  const blocks = useApi<{ blocks: Block[] }>(PATH);
  const { setData } = blocks;
  const lift = async (block: Block) => {
    await api(`${PATH}/${encodeURIComponent(block.id)}`, { method: 'DELETE' });
    setData((page) => page && { blocks: page.blocks.filter((other) => other.id !== block.id) });
  };

  return (
    <>
      <PageHeader
        title="Blocklist"
        description="Visitors blocked when an agent closed their chat as blocked. A blocked email or address cannot start a chat; an address block lapses by itself, since addresses change hands."
      />
      <Loaded resource={blocks} loadingLabel="Loading the blocklist…">
        {({ blocks: list }) =>
          list.length === 0 ? (
            <div className="card">
              <EmptyState title="No one is blocked">
                Closing a chat as blocked adds its visitor here.
              </EmptyState>
            </div>
          ) : (
            <DataTable
              label="Blocked visitors"
              columns={['Blocked', 'Kind', 'By', 'When', 'Until', { actions: true }]}
            >
              {list.map((block) => (
                <tr key={block.id}>
                  <td>
                    <code>{block.value}</code>
                  </td>
                  <td>
                    <Badge tone={block.kind === 'email' ? 'danger' : 'warning'}>
                      {KIND_LABELS[block.kind]}
                    </Badge>
                  </td>
                  <td>{block.blockedBy?.name ?? '—'}</td>
                  <td>{formatDateTime(block.createdAt)}</td>
                  <td>{block.expiresAt ? formatDateTime(block.expiresAt) : 'Until lifted'}</td>
                  <td className="actions">
                    <ConfirmButton
                      label="Lift"
                      aria-label={`Lift the block of ${block.value}`}
                      className="button small"
                      title={`Lift the block of ${block.value}?`}
                      confirmLabel="Lift the block"
                      onConfirm={() => lift(block)}
                    >
                      {block.kind === 'email'
                        ? 'Visitors with this email can start chats again.'
                        : 'Visitors at this address can start chats again (unless their email is blocked).'}
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
    </>
  );
}
