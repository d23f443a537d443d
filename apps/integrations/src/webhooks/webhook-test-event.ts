import { WEBHOOK_TEST_EVENT_TYPE } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { type NewDelivery } from '../deliveries/webhook-deliveries.repository';
import { webhookBody } from '../deliveries/webhook-events';
import { type EndpointRecord } from './webhook-endpoints.repository';

/** A `parley.test.v1` delivery: signed and logged like any other, ordered with nothing. */
export function webhookTestEvent(
  endpoint: EndpointRecord,
  now: Date,
  retryUntil: Date,
): NewDelivery {
  const id = randomUUID();
  return {
    endpointId: endpoint._id,
    webhookId: id,
    type: WEBHOOK_TEST_EVENT_TYPE,
    orderKey: `test:${id}`,
    occurredAt: now,
    offset: 0,
    body: webhookBody(
      {
        id,
        tenantId: endpoint.tenantId,
        occurredAt: now.toISOString(),
        payload: { endpointId: endpoint._id, message: 'A test event from Parley.' },
      },
      WEBHOOK_TEST_EVENT_TYPE,
      1,
    ),
    retryUntil,
  };
}
