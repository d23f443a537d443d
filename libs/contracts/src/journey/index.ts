export * from './journey-graph';
export * from './journey.schema';
