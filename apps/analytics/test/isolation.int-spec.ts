import {
  describeServiceIsolation,
  UNSCOPED_CONSUMER_MODELS,
  UNSCOPED_OUTBOX_MODELS,
} from '@app/testing';
import { analyticsService } from '../src/analytics.service-definition';

describeServiceIsolation(analyticsService, {
  DayRollup:
    'a tenant’s day of counters, `_id` = `<tenant>:<day>`, written by the rollup consumer a batch of many tenants’ events at a time, by `_id` through the driver (FerretDB serves nothing else from an index); every read goes through findOwnById, which checks the tenant on the result',
  DaySummary:
    'a section of a tenant’s settled day, `_id` = `<tenant>:<day>:<section>`, written by `_id` through the driver, by the query that made it from the tenant’s own day and by the rollup consumer marking it out of date (a batch of many tenants’ events); every read goes through findOwnById, which checks the tenant on the result',
  TenantSummary:
    'the tenant itself, `_id` = the tenant id, from `tenant.tenant.created`: the daily report job goes through every tenant',
  ...UNSCOPED_OUTBOX_MODELS,
  ...UNSCOPED_CONSUMER_MODELS,
});
