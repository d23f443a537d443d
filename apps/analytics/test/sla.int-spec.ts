import {
  ChatroomClosedV1,
  type EventDefinition,
  type PayloadOf,
  type SlaFigures,
  SlaBreachedV1,
} from '@app/contracts';
import { eventually, type SignedIn } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { AnalyticsFixture } from './analytics-fixture';
import { type Published } from './generated-day';
import { analyticsOnTinybird } from './tinybird-analytics';

const DAY_MS = 86_400_000;
const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString();

function event<D extends EventDefinition>(
  definition: D,
  tenantId: string,
  roomId: string,
  payload: PayloadOf<D>,
): Published {
  return {
    topic: definition.topic,
    key: roomId,
    event: {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      tenantId,
      occurredAt: new Date().toISOString(),
      payload: payload as Record<string, unknown>,
    },
  };
}

/**
 * One tenant's SLA day: four conversations closed with an SLA and two breaches found.
 *   room 1, team sales, agent ana, billing: both targets met;
 *   room 2, team sales, agent ana, billing: first response late (breached), resolved in time;
 *   room 3, no team, agent bob, no category: no first response, resolution late (breached);
 *   room 4, team sales, agent bob, billing: resolved in time, first response not measured.
 */
function slaDay(tenantId: string): Published[] {
  const chatbotId = 'bot-1';
  const rooms = ['r1', 'r2', 'r3', 'r4'].map((name) => `${name}-${randomUUID()}`);
  const closed = (
    roomId: string,
    agentId: string,
    sla: NonNullable<PayloadOf<typeof ChatroomClosedV1>['sla']>,
  ) =>
    event(ChatroomClosedV1, tenantId, roomId, {
      roomId,
      chatbotId,
      reason: 'resolved',
      agentId,
      closedBy: 'agent',
      createdAt: at(60),
      closedAt: at(120),
      sla,
    });
  const breached = (
    roomId: string,
    kind: 'first_response' | 'resolution',
    fields: { teamId: string | null; agentId: string | null; category: string | null },
  ) =>
    event(SlaBreachedV1, tenantId, roomId, {
      roomId,
      chatbotId,
      kind,
      policyId: 'policy-1',
      dueAt: at(90),
      breachedAt: at(91),
      priority: 'normal',
      escalation: { action: 'none' },
      ...fields,
    });
  const sales = { policyId: 'policy-1', teamId: 'sales', category: 'billing' };
  return [
    closed(rooms[0], 'ana', { ...sales, firstResponseMet: true, resolutionMet: true }),
    breached(rooms[1], 'first_response', { teamId: 'sales', agentId: 'ana', category: 'billing' }),
    closed(rooms[1], 'ana', { ...sales, firstResponseMet: false, resolutionMet: true }),
    breached(rooms[2], 'resolution', { teamId: null, agentId: 'bob', category: null }),
    closed(rooms[2], 'bob', {
      policyId: 'policy-1',
      teamId: null,
      category: null,
      firstResponseMet: false,
      resolutionMet: false,
    }),
    closed(rooms[3], 'bob', { ...sales, firstResponseMet: null, resolutionMet: true }),
  ];
}

const expected: SlaFigures = {
  firstResponse: { measured: 3, met: 1, breaches: 1, complianceRate: 0.3333 },
  resolution: { measured: 4, met: 3, breaches: 1, complianceRate: 0.75 },
  byTeam: [
    // Both targets together; most breaches first, then most measured.
    { teamId: 'sales', measured: 5, met: 4, breaches: 1, complianceRate: 0.8 },
    { teamId: null, measured: 2, met: 0, breaches: 1, complianceRate: 0 },
  ],
  byAgent: [
    { agentId: 'ana', measured: 4, met: 3, breaches: 1, complianceRate: 0.75 },
    { agentId: 'bob', measured: 3, met: 1, breaches: 1, complianceRate: 0.3333 },
  ],
  byCategory: [
    { category: 'billing', measured: 5, met: 4, breaches: 1, complianceRate: 0.8 },
    { category: null, measured: 2, met: 0, breaches: 1, complianceRate: 0 },
  ],
};

const range = `from=${day.toISOString()}&to=${new Date(day.getTime() + DAY_MS).toISOString()}`;

describe('SLA analytics', () => {
  describe('from the local rollups', () => {
    let fixture: AnalyticsFixture;
    let admin: SignedIn;

    beforeAll(async () => {
      fixture = await AnalyticsFixture.start();
      admin = await fixture.directory.signup();
    });

    afterAll(() => fixture?.close());

    it('counts compliance and breaches by target, team, agent and category, for analytics viewers only', async () => {
      await fixture.publish(slaDay(admin.tenant.id));
      await eventually(async () => {
        const answer = await fixture.get(`/sla?${range}`, admin.accessToken).expect(200);
        expect(answer.body).toMatchObject(expected);
      });
      const agent = await fixture.directory.agent(admin);
      await fixture.get(`/sla?${range}`, agent.accessToken).expect(403);
    });
  });

  describe('from Tinybird’s pipes', () => {
    const onTinybird = analyticsOnTinybird();

    it('answers the same figures from the analytics_sla pipe', async () => {
      await onTinybird.fixture.publish(slaDay(onTinybird.admin.tenant.id));
      await eventually(
        async () => {
          const answer = await onTinybird.fixture
            .get(`/sla?${range}`, onTinybird.admin.accessToken)
            .expect(200);
          expect(answer.body).toMatchObject(expected);
        },
        { timeoutMs: 60_000 },
      );
      const reads = onTinybird.tinybird.requests.filter(
        (request) => request.path === '/v0/pipes/analytics_sla.json',
      );
      expect(reads.length).toBeGreaterThan(0);
      expect(
        reads.every((request) => request.params.tenant_id === onTinybird.admin.tenant.id),
      ).toBe(true);
    });
  });
});
