export * from './config.module';
export * from './fragments';
export * from './load-config';
