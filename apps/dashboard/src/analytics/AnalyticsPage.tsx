import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import type { Chatbot } from '../admin/chatbots/chatbotTypes';
import { RequirePermission } from '../layout/RequirePermission';
import { Card } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { AgentTable } from './AgentTable';
import type { AgentsReport, OverviewReport, TimeseriesReport } from '@app/contracts';
import { KpiCards } from './KpiCards';
import { apiQuery, type DayRange, intervalOf, rangeOf } from './range';
import { RangePicker } from './RangePicker';
import { ReportSubscription } from './ReportSubscription';
import { LabelCounts } from './LabelCounts';
import { CsatScores } from './CsatScores';
import { SlaCompliance } from './SlaCompliance';

// chart.js is most of the dashboard's weight: only this page loads it, after the figures.
const TimeseriesChart = lazy(() =>
  import('./TimeseriesChart').then((module) => ({ default: module.TimeseriesChart })),
);
const BarChart = lazy(() => import('./BarChart').then((module) => ({ default: module.BarChart })));

/** The tenant's figures over a range: /analytics?from=YYYY-MM-DD&to=YYYY-MM-DD&chatbotId=… */
export function AnalyticsPage() {
  return (
    <RequirePermission permission="analytics:view">
      <Analytics />
    </RequirePermission>
  );
}

const isEmpty = (overview: OverviewReport) =>
  Object.values(overview.conversations).every((count) => count === 0) &&
  Object.values(overview.messages).every((count) => count === 0);

function Analytics() {
  const [params, setParams] = useSearchParams();
  const range = rangeOf(params);
  const chatbotId = params.get('chatbotId') ?? undefined;
  const query = apiQuery(range, chatbotId);

  const chatbots = useApi<{ chatbots: Chatbot[] }>('/api/tenant/chatbots');
  const overview = useApi<OverviewReport>('/api/analytics/overview', query);
  const series = useApi<TimeseriesReport>('/api/analytics/timeseries', {
    ...query,
    interval: intervalOf(range),
  });
  const agents = useApi<AgentsReport>('/api/analytics/agents', query);

  const change = (next: DayRange, nextChatbot: string | undefined) => {
    const search = new URLSearchParams({ from: next.from, to: next.to });
    if (nextChatbot) search.set('chatbotId', nextChatbot);
    setParams(search, { replace: true });
  };

  const chatbotName = (id: string) =>
    chatbots.data?.chatbots.find((chatbot) => chatbot.id === id)?.name ?? 'Deleted chatbot';

  const data = overview.data;
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Conversations, response times and your team's work. Days are UTC."
        actions={<ReportSubscription />}
      />
      <RangePicker
        range={range}
        chatbotId={chatbotId}
        chatbots={chatbots.data?.chatbots ?? []}
        onChange={change}
      />
      <ErrorMessage error={overview.error ?? series.error ?? agents.error} />
      {!data ? (
        !overview.error && <Loading label="Loading figures…" />
      ) : isEmpty(data) ? (
        <div className="card">
          <EmptyState title="No conversations in this range">
            Figures appear here once visitors start chatting. Pick a longer range, or embed a
            chatbot on your site and try it.
          </EmptyState>
        </div>
      ) : (
        <Suspense fallback={<Loading label="Loading charts…" />}>
          <div
            className={overview.loading ? 'stack refreshing' : 'stack'}
            aria-busy={overview.loading}
          >
            <KpiCards overview={data} />
            <Card
              title="Over time"
              description={series.data?.interval === 'hour' ? 'Per hour (UTC)' : 'Per day (UTC)'}
            >
              {series.data ? <TimeseriesChart series={series.data} /> : <Loading />}
            </Card>
            <div className="grid-2">
              <Card
                title="Busiest hours"
                description="Conversations created, by hour of the day (UTC)"
              >
                <BarChart
                  label="Conversations created"
                  labels={data.hoursOfDay.map((entry) => String(entry.hour).padStart(2, '0'))}
                  values={data.hoursOfDay.map((entry) => entry.created)}
                  small
                />
              </Card>
              <Card
                title="By category"
                description="From the pre-chat question marked as the category"
              >
                {data.byCategory.length ? (
                  <BarChart
                    label="Conversations created"
                    labels={data.byCategory.map((entry) => entry.category)}
                    values={data.byCategory.map((entry) => entry.created)}
                    horizontal
                    small
                  />
                ) : (
                  <EmptyState title="No categories">
                    Mark a single-choice pre-chat question of a chatbot as its category.
                  </EmptyState>
                )}
              </Card>
            </div>
            {!chatbotId && data.byChatbot.length > 1 && (
              <Card title="By chatbot">
                <BarChart
                  label="Conversations created"
                  labels={data.byChatbot.map((entry) => chatbotName(entry.chatbotId))}
                  values={data.byChatbot.map((entry) => entry.created)}
                  horizontal
                  small
                />
              </Card>
            )}
            <Card
              title="Agents"
              description={
                agents.data &&
                `${agents.data.agentsOnline} online now. First response: from a conversation's start to the agent's first message.`
              }
              className="card-flush"
            >
              {agents.data ? <AgentTable agents={agents.data.agents} /> : <Loading />}
            </Card>
            <SlaCompliance
              query={query}
              agentName={(agentId) =>
                agents.data?.agents.find((agent) => agent.agentId === agentId)?.name ?? agentId
              }
            />
            <LabelCounts query={query} />
            <CsatScores query={query} />
          </div>
        </Suspense>
      )}
    </>
  );
}
