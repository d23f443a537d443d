import type { CsatReport, CsatScore } from '@app/contracts';
import type { Team } from '../admin/routing/routingTypes';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { useApi } from '../ui/useApi';
import type { apiQuery } from './range';

const percent = (score: CsatScore) =>
  score.score === null ? '—' : `${Math.round(score.score * 1000) / 10} %`;
const average = (score: CsatScore) => (score.average === null ? '—' : score.average.toFixed(2));

/** CSAT for the range: rated conversations (each by its latest rating), overall, by agent and team. */
export function CsatScores({ query }: { query: ReturnType<typeof apiQuery> }) {
  const report = useApi<CsatReport>('/api/analytics/csat', query);
  const teams = useApi<{ teams: Team[] }>('/api/tenant/teams');
  const data = report.data;
  const teamName = (id: string | null) =>
    id === null ? 'None' : (teams.data?.teams.find((team) => team.id === id)?.name ?? id);
  const rows = data && [
    { by: 'All', name: 'All conversations', score: data.overall },
    ...data.byAgent.map((row) => ({
      by: 'Agent',
      name: row.agentId === null ? 'None' : (row.name ?? row.agentId),
      score: row,
    })),
    ...data.byTeam.map((row) => ({ by: 'Team', name: teamName(row.teamId), score: row })),
  ];

  return (
    <Card
      title="Customer satisfaction"
      description="CSAT: conversations rated 4 or 5 of those rated (1 to 5, by visitors after a resolved conversation), each counted once by its latest rating."
      className="card-flush"
    >
      <ErrorMessage error={report.error} />
      {!rows ? (
        !report.error && <Loading />
      ) : (
        <DataTable
          label="Customer satisfaction"
          columns={['', 'Name', 'CSAT', 'Average', 'Rated', '1', '2', '3', '4', '5']}
        >
          {rows.map(({ by, name, score }) => (
            <tr key={`${by}:${name}`}>
              <td>{by}</td>
              <td>{name}</td>
              <td>{percent(score)}</td>
              <td>{average(score)}</td>
              <td>{score.ratings}</td>
              {score.byRating.map((count, index) => (
                <td key={index}>{count}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </Card>
  );
}
