import { RequirePermission } from '../layout/RequirePermission';
import { formatNumber } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useInterval } from '../ui/useInterval';
import { ChatbotActivityCard } from './ChatbotActivityCard';
import { KafkaLagCard } from './KafkaLagCard';
import { ServicesCard } from './ServicesCard';
import type { PlatformStatus } from './statusTypes';

const REFRESH_MS = 10_000;

/** The platform's health right now, refreshed every 10 seconds. */
export function StatusPage() {
  return (
    <RequirePermission permission="analytics:view">
      <Status />
    </RequirePermission>
  );
}

function Status() {
  const status = useApi<PlatformStatus>('/api/analytics/status');
  useInterval(status.reload, REFRESH_MS);
  const checkedAt = status.data && new Date(status.data.checkedAt);

  return (
    <>
      <PageHeader
        title="Status"
        description="Parley's services, event processing and your chatbots. Refreshes every 10 seconds."
        actions={
          checkedAt && (
            <span className="muted" aria-live="polite">
              Checked at {checkedAt.toLocaleTimeString()}
            </span>
          )
        }
      />
      <Loaded resource={status} loadingLabel="Checking every service…">
        {(data) => (
          <div className="stack">
            <ul className="kpi-grid plain-list" aria-label="Summary">
              <li className="kpi">
                <span className="kpi-label">Services up</span>
                <span className="kpi-value">
                  {data.services.filter((service) => service.status === 'up').length} /{' '}
                  {data.services.length}
                </span>
              </li>
              <li className="kpi">
                <span className="kpi-label">Agents online</span>
                <span className="kpi-value">{data.agentsOnline}</span>
              </li>
              <li className="kpi">
                <span className="kpi-label">Events waiting</span>
                <span className="kpi-value">
                  {formatNumber(data.kafka.groups.reduce((sum, group) => sum + group.lag, 0))}
                </span>
              </li>
            </ul>
            <div className="grid-2">
              <ServicesCard services={data.services} />
              <ChatbotActivityCard chatbots={data.chatbots} now={Date.parse(data.checkedAt)} />
            </div>
            <KafkaLagCard groups={data.kafka.groups} />
          </div>
        )}
      </Loaded>
    </>
  );
}
