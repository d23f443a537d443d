export * from './group-commit';
export * from './group-inserter';
export * from './mongo-errors';
export * from './newest-first-page';
