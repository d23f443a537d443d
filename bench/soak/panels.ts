/** The soak's curves as chart panels (bench/soak/chart.ts draws them), x in minutes. */
import { type ChartPanel, type ChartSeries } from './chart';
import { type Curve } from './flatness';
import { type Sample } from './sampler';
import { curves, type SliceFigures } from './verdict';

const inMinutes = (curve: Curve): ChartSeries['points'] =>
  curve.map(([t, v]) => [Math.round((t / 60) * 100) / 100, v]);

export function soakPanels(samples: Sample[], slices: SliceFigures[]): ChartPanel[] {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.processes)))];
  const perProcess = (read: (p: Sample['processes'][string]) => number | undefined) =>
    names
      .map((name) => ({ label: name, points: inMinutes(curves.process(samples, name, read)) }))
      .filter((series) => series.points.some(([, v]) => v !== null));
  const groups = [...new Set(samples.flatMap((s) => Object.keys(s.kafkaLag ?? {})))];
  return [
    {
      title: 'Resident memory (VmRSS) per process',
      yLabel: 'MB',
      series: perProcess((p) => p.rssMb),
    },
    {
      title: 'Event-loop delay p99 per process, over each sample interval',
      yLabel: 'ms',
      series: perProcess((p) => p.eventLoop?.p99Ms),
    },
    {
      title: 'CPU per process, mean over each sample interval',
      yLabel: '% of one core',
      series: perProcess((p) => p.cpuPercent),
    },
    {
      title: 'Redis memory (INFO memory)',
      yLabel: 'MB',
      series: [
        {
          label: 'used_memory',
          points: inMinutes(curves.of(samples, (s) => s.redis?.usedMemoryMb)),
        },
        {
          label: 'used_memory_rss',
          points: inMinutes(curves.of(samples, (s) => s.redis?.usedMemoryRssMb)),
        },
      ],
    },
    {
      title: "Waiting for Kafka: chat's outbox, its ledger of owed events, consumer lag",
      yLabel: 'events',
      series: [
        {
          label: 'outbox backlog (XLEN)',
          points: inMinutes(curves.of(samples, (s) => s.redis?.outboxBacklog)),
        },
        {
          label: 'messages owed their event',
          points: inMinutes(curves.of(samples, (s) => s.redis?.unpublishedMessages)),
        },
        ...groups.map((group) => ({
          label: `lag ${group}`,
          points: inMinutes(curves.of(samples, (s) => s.kafkaLag?.[group])),
        })),
      ],
    },
    {
      title: "Delivery, visitor's send to the agent's message:new, per slice",
      yLabel: 'ms',
      series: [
        { label: 'p50', points: inMinutes(curves.slices(slices, (s) => s.deliveryMs.p50)) },
        { label: 'p99', points: inMinutes(curves.slices(slices, (s) => s.deliveryMs.p99)) },
        { label: 'ack p99', points: inMinutes(curves.slices(slices, (s) => s.ackMs.p99)) },
      ],
    },
  ];
}
