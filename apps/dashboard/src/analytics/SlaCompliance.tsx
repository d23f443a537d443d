import type { AnalyticsRangeView, SlaComplianceFigures, SlaFigures } from '@app/contracts';
import type { Category, Team } from '../admin/routing/routingTypes';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { useApi } from '../ui/useApi';
import type { apiQuery } from './range';

type SlaReport = AnalyticsRangeView & SlaFigures;

const rate = (figures: SlaComplianceFigures) =>
  figures.complianceRate === null ? '—' : `${Math.round(figures.complianceRate * 1000) / 10} %`;

/** SLA compliance (targets met of those settled at a close) and breaches, for the range. */
export function SlaCompliance({
  query,
  agentName,
}: {
  query: ReturnType<typeof apiQuery>;
  agentName(agentId: string): string;
}) {
  const report = useApi<SlaReport>('/api/analytics/sla', query);
  const categories = useApi<{ categories: Category[] }>('/api/tenant/categories');
  const teams = useApi<{ teams: Team[] }>('/api/tenant/teams');
  const nameIn = (list: Array<{ id: string; name: string }> | undefined, id: string | null) =>
    id === null ? 'None' : (list?.find((item) => item.id === id)?.name ?? id);
  const data = report.data;
  const groups = data && [
    ...data.byTeam.map((row) => ({ by: 'Team', name: nameIn(teams.data?.teams, row.teamId), row })),
    ...data.byAgent.map((row) => ({
      by: 'Agent',
      name: row.agentId === null ? 'None' : agentName(row.agentId),
      row,
    })),
    ...data.byCategory.map((row) => ({
      by: 'Category',
      name: nameIn(categories.data?.categories, row.category),
      row,
    })),
  ];

  return (
    <Card
      title="SLA"
      description="Targets met of those settled when their conversation closed, and breaches found in the range."
      className="card-flush"
    >
      <ErrorMessage error={report.error} />
      {!data || !groups ? (
        !report.error && <Loading />
      ) : (
        <DataTable
          label="SLA compliance"
          columns={['', 'Name', 'Compliance', 'Met', 'Measured', 'Breaches']}
        >
          <tr>
            <td>Target</td>
            <td>First response</td>
            <td>{rate(data.firstResponse)}</td>
            <td>{data.firstResponse.met}</td>
            <td>{data.firstResponse.measured}</td>
            <td>{data.firstResponse.breaches}</td>
          </tr>
          <tr>
            <td>Target</td>
            <td>Resolution</td>
            <td>{rate(data.resolution)}</td>
            <td>{data.resolution.met}</td>
            <td>{data.resolution.measured}</td>
            <td>{data.resolution.breaches}</td>
          </tr>
          {groups.map(({ by, name, row }) => (
            <tr key={`${by}:${name}`}>
              <td>{by}</td>
              <td>{name}</td>
              <td>{rate(row)}</td>
              <td>{row.met}</td>
              <td>{row.measured}</td>
              <td>{row.breaches}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
