import {
  ChatroomAssignedV1,
  ChatroomClosedV1,
  ChatroomCreatedV1,
  ChatroomLabelledV1,
  type EventEnvelope,
  MessageSentV1,
} from '@app/contracts';
import { stepsOfBatch } from './event-counters';

let nextOffset = 100;
const streamed = (tenantId: string, payload: Record<string, unknown>) => ({
  event: {
    id: '00000000-0000-4000-8000-000000000000',
    type: 'chat.test',
    version: 1,
    tenantId,
    occurredAt: '2026-03-05T00:00:00.000Z',
    payload,
  } as EventEnvelope,
  offset: String(nextOffset++),
});

const room = { roomId: 'room-1', chatbotId: 'bot-1' };

/** The counters one event adds to, by name. */
const countersOf = (topic: string, payload: Record<string, unknown>) =>
  stepsOfBatch(topic, [streamed('t1', payload)]).days.flatMap((day) =>
    day.steps.map((step) => step.counter),
  );

describe('stepsOfBatch', () => {
  it('counts a created conversation by chatbot and hour, and by category when it has one', () => {
    const payload = { ...room, createdAt: '2026-03-01T09:15:00.000Z', category: 'billing' };
    expect(countersOf(ChatroomCreatedV1.topic, payload)).toEqual([
      'created|bot-1|9',
      'category|bot-1|billing',
    ]);
  });

  it('counts an assignment for its agent', () => {
    const payload = { ...room, agentId: 'ag-1', assignedAt: '2026-03-01T09:16:00.000Z' };
    expect(countersOf(ChatroomAssignedV1.topic, payload)).toEqual(['assigned|bot-1|ag-1']);
  });

  it('counts a resolved conversation with its resolution time and its agent', () => {
    const payload = {
      ...room,
      reason: 'resolved',
      agentId: 'ag-1',
      createdAt: '2026-03-01T09:00:00.000Z',
      closedAt: '2026-03-01T09:12:34.000Z',
    };
    expect(countersOf(ChatroomClosedV1.topic, payload)).toEqual([
      'closed|bot-1|9|resolved',
      'resolution|bot-1|750',
      'resolved|bot-1|ag-1',
    ]);
  });

  it('counts an abandoned conversation as closed only', () => {
    const payload = {
      ...room,
      reason: 'abandoned',
      createdAt: '2026-03-01T09:00:00.000Z',
      closedAt: '2026-03-01T10:00:00.000Z',
    };
    expect(countersOf(ChatroomClosedV1.topic, payload)).toEqual(['closed|bot-1|10|abandoned']);
  });

  it("counts a room's first agent reply with the wait since the room was created", () => {
    const payload = {
      ...room,
      sender: { type: 'agent', id: 'ag-1' },
      sentAt: '2026-03-01T09:01:05.000Z',
      roomCreatedAt: '2026-03-01T09:00:00.000Z',
      firstAgentReply: true,
    };
    expect(countersOf(MessageSentV1.topic, payload)).toEqual([
      'messages|bot-1|9|agent:ag-1',
      'firstResponse|bot-1|ag-1|65',
    ]);
  });

  it('counts visitor messages by sender type, and later agent replies without a wait', () => {
    const at = '2026-03-01T09:05:00.000Z';
    expect(
      countersOf(MessageSentV1.topic, { ...room, sender: { type: 'visitor' }, sentAt: at }),
    ).toEqual(['messages|bot-1|9|visitor']);
    expect(
      countersOf(MessageSentV1.topic, { ...room, sender: { type: 'agent' }, sentAt: at }),
    ).toEqual(['messages|bot-1|9|agent:unknown']);
  });

  it('counts a label put on a conversation or taken off, by label', () => {
    const labelled = (change: string) => ({
      ...room,
      labelId: 'vip',
      change,
      labels: [],
      at: '2026-03-01T09:20:00.000Z',
    });
    expect(countersOf(ChatroomLabelledV1.topic, labelled('added'))).toEqual([
      'label|bot-1|vip|added',
    ]);
    expect(countersOf(ChatroomLabelledV1.topic, labelled('removed'))).toEqual([
      'label|bot-1|vip|removed',
    ]);
  });

  it("groups a batch by tenant and by the UTC day of each event's own moment", () => {
    const created = (tenantId: string, createdAt: string) =>
      streamed(tenantId, { ...room, createdAt });
    const batch = [
      created('t1', '2026-03-01T23:59:59.000Z'),
      created('t1', '2026-03-02T00:00:00.000Z'),
      created('t2', '2026-03-01T12:00:00.000Z'),
      created('t1', '2026-03-01T08:00:00.000Z'),
    ];
    const { source, days } = stepsOfBatch(ChatroomCreatedV1.topic, batch);
    expect(source).toBe('created');
    expect(
      days.map(({ tenantId, day, steps }) => [tenantId, day, steps.map((s) => s.offset)]),
    ).toEqual([
      ['t1', '2026-03-01', [Number(batch[0].offset), Number(batch[3].offset)]],
      ['t1', '2026-03-02', [Number(batch[1].offset)]],
      ['t2', '2026-03-01', [Number(batch[2].offset)]],
    ]);
  });
});
