import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the parts the analytics page draws, so the rest of chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#667085';
Chart.defaults.borderColor = '#eaecf0';

export const SERIES_COLORS = {
  created: '#4f46e5',
  closed: '#12b76a',
  abandoned: '#f79009',
  messages: '#c7d2fe',
};

/** Whole numbers on the value axis: counts of conversations never have halves. */
export const countAxis = { beginAtZero: true, ticks: { precision: 0 } } as const;
