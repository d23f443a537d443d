export * from './eventually';
export * from './infra';
export * from './kafka';
export * from './kafka-probe';
export * from './test-service';
export * from './processes';
export * from './probe-service';
export * from './nginx';
