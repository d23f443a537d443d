import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime } from '../../ui/format';
import { Loaded } from '../../ui/Loaded';
import { useApi } from '../../ui/useApi';
import { MANAGEMENT_PATH, type ApiToken, type ApiTokenUse } from './apiTokenTypes';

/** The token's latest calls, in every service, newest first. */
export function ApiTokenUsage({ token }: { token: ApiToken }) {
  const usage = useApi<{ uses: ApiTokenUse[] }>(`${MANAGEMENT_PATH}/${token.id}/usage`);
  return (
    <Loaded resource={usage} loadingLabel="Loading its use…">
      {({ uses }) =>
        uses.length === 0 ? (
          <EmptyState title="Not used yet">Calls made with {token.name} will show here.</EmptyState>
        ) : (
          <DataTable
            label={`Use of ${token.name}`}
            columns={['When', 'Service', 'Call', 'Status', 'From']}
          >
            {uses.map((use, index) => (
              <tr key={`${use.at}-${index}`}>
                <td>{formatDateTime(use.at)}</td>
                <td>{use.service}</td>
                <td className="mono">
                  {use.method} {use.path}
                </td>
                <td>{use.status ?? '—'}</td>
                <td className="mono">{use.ip}</td>
              </tr>
            ))}
          </DataTable>
        )
      }
    </Loaded>
  );
}
