import { formatDuration, formatNumber } from '../ui/format';
import type { Distribution, OverviewReport } from '@app/contracts';

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)} %` : '—';
}

function durationSub(durations: Distribution): string {
  if (!durations.count) return 'No data in this range';
  return `p90 ${formatDuration(durations.p90)} · ${formatNumber(durations.count)} measured`;
}

/** The range's headline figures. */
export function KpiCards({ overview }: { overview: OverviewReport }) {
  const { conversations, messages } = overview;
  const kpis = [
    {
      label: 'Conversations created',
      value: formatNumber(conversations.created),
      sub: `${formatNumber(conversations.blocked)} blocked · ${formatNumber(conversations.stale)} stale`,
    },
    {
      label: 'Closed',
      value: formatNumber(conversations.closed),
      sub: `${percent(conversations.closed, conversations.created)} of created`,
    },
    {
      label: 'Resolved',
      value: formatNumber(conversations.resolved),
      sub: `${percent(conversations.resolved, conversations.closed)} of closed`,
    },
    {
      label: 'Abandoned',
      value: formatNumber(conversations.abandoned),
      sub: `${percent(conversations.abandoned, conversations.closed)} of closed`,
    },
    {
      label: 'First response (median)',
      value: formatDuration(overview.firstResponseSeconds.p50),
      sub: durationSub(overview.firstResponseSeconds),
    },
    {
      label: 'Resolution time (median)',
      value: formatDuration(overview.resolutionSeconds.p50),
      sub: durationSub(overview.resolutionSeconds),
    },
    {
      label: 'Messages',
      value: formatNumber(messages.visitor + messages.agent + messages.system),
      sub: `${formatNumber(messages.visitor)} visitor · ${formatNumber(messages.agent)} agent · ${formatNumber(messages.system)} system`,
    },
  ];
  return (
    <ul className="kpi-grid plain-list" aria-label="Key figures">
      {kpis.map((kpi) => (
        <li key={kpi.label} className="kpi">
          <span className="kpi-label">{kpi.label}</span>
          <span className="kpi-value">{kpi.value}</span>
          <span className="kpi-sub">{kpi.sub}</span>
        </li>
      ))}
    </ul>
  );
}
