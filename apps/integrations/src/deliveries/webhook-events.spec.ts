import { WEBHOOK_EVENT_TYPES } from '@app/contracts';
import { orderKeyOf, WEBHOOK_EVENTS } from './webhook-events';

describe('the events delivered to webhooks', () => {
  it('are exactly the event types endpoints can subscribe to', () => {
    expect(WEBHOOK_EVENTS.map((definition) => definition.topic).sort()).toEqual(
      [...WEBHOOK_EVENT_TYPES].sort(),
    );
  });

  it('keep their order per conversation, else per contact or agent', () => {
    expect(orderKeyOf({ roomId: 'r1', agentId: 'a1' })).toBe('room:r1');
    expect(orderKeyOf({ contactId: 'c1' })).toBe('contact:c1');
    expect(orderKeyOf({ agentId: 'a1' })).toBe('agent:a1');
  });
});
