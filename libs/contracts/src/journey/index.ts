export * from './journey-graph';
export * from './journey.schema';
export * from './journey-example';
