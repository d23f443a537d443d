import type { AnalyticsRangeView, LabelsFigures } from '@app/contracts';
import { LabelChip } from '../labels/LabelChip';
import { useLabels } from '../labels/useLabels';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { useApi } from '../ui/useApi';
import type { apiQuery } from './range';

/** Per label, conversations it was put on and taken off in the range, most labelled first. */
export function LabelCounts({ query }: { query: ReturnType<typeof apiQuery> }) {
  const report = useApi<AnalyticsRangeView & LabelsFigures>('/api/analytics/labels', query);
  const { labelOf } = useLabels();
  const data = report.data;
  return (
    <Card
      title="Labels"
      description="Conversations labelled in the range, and labels taken off."
      className="card-flush"
    >
      <ErrorMessage error={report.error} />
      {!data ? (
        !report.error && <Loading />
      ) : data.byLabel.length === 0 ? (
        <EmptyState title="No labels used">Agents label conversations from the inbox.</EmptyState>
      ) : (
        <DataTable label="Labels" columns={['Label', 'Labelled', 'Taken off']}>
          {data.byLabel.map((row) => {
            const label = labelOf(row.labelId);
            return (
              <tr key={row.labelId}>
                <td>{label ? <LabelChip label={label} /> : 'Deleted label'}</td>
                <td>{row.added}</td>
                <td>{row.removed}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </Card>
  );
}
