import { type EventDefinition } from '../define-event';
import { TenantCreatedV1 } from './tenant-created.v1';

export { TenantCreatedV1 };

/** Every event Parley knows; topic creation (here and in redpanda/) is derived from this list. */
export const ALL_EVENTS: readonly EventDefinition[] = [TenantCreatedV1];
