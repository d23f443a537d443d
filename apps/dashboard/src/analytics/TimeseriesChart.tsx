import { Chart } from 'react-chartjs-2';
import type { TimeseriesReport } from '@app/contracts';
import { countAxis, SERIES_COLORS } from './charts';

const dayLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const hourLabel = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Conversations as lines and messages as bars behind them, per hour or per day (UTC). */
export function TimeseriesChart({ series }: { series: TimeseriesReport }) {
  const format = series.interval === 'hour' ? hourLabel : dayLabel;
  const labels = series.points.map((point) => format.format(new Date(point.at)));
  const line = (key: 'created' | 'closed' | 'abandoned', label: string) => ({
    type: 'line' as const,
    label,
    data: series.points.map((point) => point[key]),
    borderColor: SERIES_COLORS[key],
    backgroundColor: SERIES_COLORS[key],
    tension: 0.3,
    pointRadius: series.points.length > 40 ? 0 : 3,
    borderWidth: 2,
    yAxisID: 'conversations',
  });

  return (
    <div className="chart-box">
      <Chart
        type="bar"
        aria-label="Conversations and messages over time"
        role="img"
        data={{
          labels,
          datasets: [
            line('created', 'Created'),
            line('closed', 'Closed'),
            line('abandoned', 'Abandoned'),
            {
              type: 'bar' as const,
              label: 'Messages',
              data: series.points.map((point) => point.messages),
              backgroundColor: SERIES_COLORS.messages,
              borderRadius: 3,
              yAxisID: 'messages',
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: {
              position: 'bottom',
              labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 },
            },
          },
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
            conversations: {
              ...countAxis,
              position: 'left',
              title: { display: true, text: 'Conversations' },
            },
            messages: {
              ...countAxis,
              position: 'right',
              grid: { display: false },
              title: { display: true, text: 'Messages' },
            },
          },
        }}
      />
    </div>
  );
}
