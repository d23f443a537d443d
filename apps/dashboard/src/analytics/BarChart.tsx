import { Bar } from 'react-chartjs-2';
import { countAxis, SERIES_COLORS } from './charts';

/** One series of counts as bars: across (by hour) or, with `horizontal`, down (by category). */
export function BarChart({
  labels,
  values,
  label,
  horizontal = false,
  small = false,
}: {
  labels: string[];
  values: number[];
  /** What the bars count, for the tooltip and screen readers. */
  label: string;
  horizontal?: boolean;
  small?: boolean;
}) {
  const valueAxis = { ...countAxis, grid: { color: '#f2f4f7' } };
  const labelAxis = { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } };
  return (
    <div className={small ? 'chart-box small' : 'chart-box'}>
      <Bar
        aria-label={label}
        role="img"
        data={{
          labels,
          datasets: [
            {
              label,
              data: values,
              backgroundColor: SERIES_COLORS.created,
              borderRadius: 4,
              maxBarThickness: 36,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          indexAxis: horizontal ? 'y' : 'x',
          plugins: { legend: { display: false } },
          scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
        }}
      />
    </div>
  );
}
