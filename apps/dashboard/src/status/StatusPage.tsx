import { useCallback } from 'react';
import { useSession } from '../auth/SessionProvider';
import { RequirePermission } from '../layout/RequirePermission';
import { formatNumber } from '../ui/format';
import { Loaded } from '../ui/Loaded';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';
import { useInterval } from '../ui/useInterval';
import { ChatbotActivityCard } from './ChatbotActivityCard';
import { KafkaLagCard } from './KafkaLagCard';
import { ServicesCard } from './ServicesCard';
import type { PlatformStatus, TenantActivity } from './statusTypes';

const REFRESH_MS = 10_000;

/**
 * The workspace's agents and chatbots right now and, for the platform's operators only, every
 * service's health and the event processing behind; refreshed every 10 seconds.
 */
export function StatusPage() {
  return (
    <RequirePermission permission="analytics:view">
      <Status />
    </RequirePermission>
  );
}

function Status() {
  const operator = useSession().can('platform:operate');
  const activity = useApi<TenantActivity>('/api/analytics/activity');
  const platform = useApi<PlatformStatus>(operator ? '/api/analytics/status' : null);
  const { reload: reloadActivity } = activity;
  const { reload: reloadPlatform } = platform;
  useInterval(
    useCallback(() => {
      reloadActivity();
      if (operator) reloadPlatform();
    }, [operator, reloadActivity, reloadPlatform]),
    REFRESH_MS,
  );
  const checkedAt = activity.data && new Date(activity.data.checkedAt);

  return (
    <>
      <PageHeader
        title="Status"
        description={
          operator
            ? "Parley's services, event processing and your chatbots. Refreshes every 10 seconds."
            : 'Your agents and chatbots right now. Refreshes every 10 seconds.'
        }
        actions={
          checkedAt && (
            <span className="muted" aria-live="polite">
              Checked at {checkedAt.toLocaleTimeString()}
            </span>
          )
        }
      />
      <div className="stack">
        <Loaded resource={activity} loadingLabel="Looking at your workspace…">
          {(data) => (
            <div className="stack">
              <ul className="kpi-grid plain-list" aria-label="Workspace">
                <li className="kpi">
                  <span className="kpi-label">Agents online</span>
                  <span className="kpi-value">{data.agentsOnline}</span>
                </li>
              </ul>
              <ChatbotActivityCard chatbots={data.chatbots} now={Date.parse(data.checkedAt)} />
            </div>
          )}
        </Loaded>
        {operator && (
          <Loaded resource={platform} loadingLabel="Checking every service…">
            {(data) => (
              <div className="stack">
                <ul className="kpi-grid plain-list" aria-label="Platform">
                  <li className="kpi">
                    <span className="kpi-label">Services up</span>
                    <span className="kpi-value">
                      {data.services.filter((service) => service.status === 'up').length} /{' '}
                      {data.services.length}
                    </span>
                  </li>
                  <li className="kpi">
                    <span className="kpi-label">Events waiting</span>
                    <span className="kpi-value">
                      {formatNumber(data.kafka.groups.reduce((sum, group) => sum + group.lag, 0))}
                    </span>
                  </li>
                </ul>
                <ServicesCard services={data.services} />
                <KafkaLagCard groups={data.kafka.groups} />
              </div>
            )}
          </Loaded>
        )}
      </div>
    </>
  );
}
