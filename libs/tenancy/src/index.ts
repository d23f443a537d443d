export * from './tenant-context';
export * from './tenant-scoped.plugin';
export * from './acting-for';
