export type {
  AgentReportRow as AgentFigures,
  AgentsReport,
  Distribution as Durations,
  Interval,
  OverviewReport as Overview,
  TimeseriesReport as Timeseries,
} from '@app/contracts';
