import { type CsatScore, type Overview } from '@app/contracts';

/** A duration as people read it: "45 s", "3 min 20 s", "2 h 5 min". */
export function readableDuration(seconds: number | null): string {
  if (seconds === null) return 'no data';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A CSAT score as the report reads it: "80% (8 of 10 rated 4 or 5)". */
export function readableCsat(csat: CsatScore): string {
  if (csat.score === null) return 'no ratings';
  return `${Math.round(csat.score * 100)}% (${csat.satisfied} of ${csat.ratings} rated 4 or 5)`;
}

/** The lines of the emailed report, in the order a support lead reads them. */
export function reportFigures(
  overview: Overview,
  csat: CsatScore,
): Array<{ label: string; value: string }> {
  const { conversations, messages } = overview;
  const busiest = [...overview.hoursOfDay].sort(
    (a, b) => b.created - a.created || a.hour - b.hour,
  )[0];
  return [
    { label: 'Conversations started', value: String(conversations.created) },
    { label: 'Resolved', value: String(conversations.resolved) },
    { label: 'Abandoned', value: String(conversations.abandoned) },
    { label: 'Marked stale', value: String(conversations.stale) },
    { label: 'Blocked', value: String(conversations.blocked) },
    {
      label: 'First response, median',
      value: readableDuration(overview.firstResponseSeconds.p50),
    },
    {
      label: 'First response, 90th percentile',
      value: readableDuration(overview.firstResponseSeconds.p90),
    },
    { label: 'Resolution time, median', value: readableDuration(overview.resolutionSeconds.p50) },
    { label: 'Customer satisfaction (CSAT)', value: readableCsat(csat) },
    {
      label: 'Average rating',
      value: csat.average === null ? 'no ratings' : `${csat.average.toFixed(1)} / 5`,
    },
    { label: 'Messages from visitors', value: String(messages.visitor) },
    { label: 'Messages from agents', value: String(messages.agent) },
    {
      label: 'Busiest hour (UTC)',
      value:
        busiest && busiest.created > 0 ? `${String(busiest.hour).padStart(2, '0')}:00` : 'none',
    },
  ];
}
