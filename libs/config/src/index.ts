export * from './config.module';
export * from './fragments';
export * from './load-config';
export * from './repository-secrets';
export * from './secrets';
