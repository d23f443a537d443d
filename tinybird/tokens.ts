import { defineToken } from '@tinybirdco/sdk';

/**
 * One token per job, so the analytics service holds no more power than it uses: the sink may
 * only append to `parley_events`, the API may only read the analytics endpoints.
 */
export const ingestToken = defineToken('parley_analytics_ingest');
export const readToken = defineToken('parley_analytics_read');
