import { ChatroomLabelledV1, type LabelsFigures } from '@app/contracts';
import { eventually, type SignedIn } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { AnalyticsFixture } from './analytics-fixture';
import { type Published } from './generated-day';
import { analyticsOnTinybird } from './tinybird-analytics';

const DAY_MS = 86_400_000;
const day = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString();

/**
 * One tenant's day of labelling: VIP put on three conversations and taken off one of them, Bug
 * put on one; another chatbot's conversation labelled VIP too.
 */
function labelledDay(tenantId: string): Published[] {
  const lists = new Map<string, string[]>();
  const labelled = (
    roomId: string,
    labelId: string,
    change: 'added' | 'removed',
    chatbotId = 'bot-1',
  ): Published => {
    const before = lists.get(roomId) ?? [];
    const labels =
      change === 'added' ? [...before, labelId] : before.filter((id) => id !== labelId);
    lists.set(roomId, labels);
    return {
      topic: ChatroomLabelledV1.topic,
      key: roomId,
      event: {
        id: randomUUID(),
        type: ChatroomLabelledV1.type,
        version: ChatroomLabelledV1.version,
        tenantId,
        occurredAt: new Date().toISOString(),
        payload: { roomId, chatbotId, labelId, change, labels, by: 'ana', at: at(60) },
      },
    };
  };
  const [r1, r2, r3, r4] = ['r1', 'r2', 'r3', 'r4'].map((name) => `${name}-${randomUUID()}`);
  return [
    labelled(r1, 'vip', 'added'),
    labelled(r2, 'vip', 'added'),
    labelled(r2, 'bug', 'added'),
    labelled(r2, 'vip', 'removed'),
    labelled(r3, 'vip', 'added', 'bot-2'),
    labelled(r4, 'bug', 'added'),
  ];
}

const everyBot: LabelsFigures = {
  byLabel: [
    { labelId: 'vip', added: 3, removed: 1 },
    { labelId: 'bug', added: 2, removed: 0 },
  ],
};

const range = `from=${day.toISOString()}&to=${new Date(day.getTime() + DAY_MS).toISOString()}`;

describe('label analytics', () => {
  describe('from the local rollups', () => {
    let fixture: AnalyticsFixture;
    let admin: SignedIn;
    let other: SignedIn;

    beforeAll(async () => {
      fixture = await AnalyticsFixture.start();
      [admin, other] = await Promise.all([fixture.directory.signup(), fixture.directory.signup()]);
    });

    afterAll(() => fixture?.close());

    it('counts conversations labelled and unlabelled per label, for analytics viewers only', async () => {
      await fixture.publish(labelledDay(admin.tenant.id));
      await eventually(async () => {
        const answer = await fixture.get(`/labels?${range}`, admin.accessToken).expect(200);
        expect(answer.body).toMatchObject(everyBot);
      });
      const agent = await fixture.directory.agent(admin);
      await fixture.get(`/labels?${range}`, agent.accessToken).expect(403);
      // Another workspace counts nothing of these.
      const theirs = await fixture.get(`/labels?${range}`, other.accessToken).expect(200);
      expect(theirs.body.byLabel).toEqual([]);
    });
  });

  describe('from Tinybird’s pipes', () => {
    const onTinybird = analyticsOnTinybird();

    it('answers the same figures from the analytics_labels pipe', async () => {
      await onTinybird.fixture.publish(labelledDay(onTinybird.admin.tenant.id));
      await eventually(
        async () => {
          const answer = await onTinybird.fixture
            .get(`/labels?${range}`, onTinybird.admin.accessToken)
            .expect(200);
          expect(answer.body).toMatchObject(everyBot);
        },
        { timeoutMs: 60_000 },
      );
      const reads = onTinybird.tinybird.requests.filter(
        (request) => request.path === '/v0/pipes/analytics_labels.json',
      );
      expect(
        reads.every((request) => request.params.tenant_id === onTinybird.admin.tenant.id),
      ).toBe(true);
    });
  });
});
