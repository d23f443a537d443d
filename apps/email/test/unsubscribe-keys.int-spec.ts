import { seal } from '@app/auth';
import { REPOSITORY_SECRET_VALUES } from '@app/config';
import { generatedOperatorSecrets, sealedTheOldWay, uniqueSuffix } from '@app/testing';
import request from 'supertest';
import { EmailFixture, uniqueAddress } from './email-fixture';

jest.setTimeout(90_000);

describe('unsubscribe links', () => {
  let fixture: EmailFixture;
  const tenantId = `tenant-${uniqueSuffix()}`;

  beforeAll(async () => {
    const keys = generatedOperatorSecrets();
    fixture = await EmailFixture.start({
      NOTIFICATION_SEAL_KEY: keys.NOTIFICATION_SEAL_KEY,
      UNSUBSCRIBE_SEAL_KEY: keys.UNSUBSCRIBE_SEAL_KEY,
    });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('cannot be forged with the link key that the tenant and chat services hold, nor a published key', async () => {
    const to = uniqueAddress();
    const subject = JSON.stringify([tenantId, 'agent-reply', to]);
    const linkKey = fixture.email.config.NOTIFICATION_SEAL_KEY;
    const forgeries = [
      seal(subject, linkKey, 'notification-link'),
      seal(subject, linkKey, 'unsubscribe'),
      sealedTheOldWay(subject, linkKey),
      ...REPOSITORY_SECRET_VALUES.flatMap((published) => [
        seal(subject, published, 'unsubscribe'),
        sealedTheOldWay(subject, published),
      ]),
    ];

    for (const token of forgeries) {
      const answer = await request(fixture.email.url)
        .post(`/api/email/unsubscribe?token=${token}`)
        .send();
      expect(answer.status).toBe(400);
    }

    // The visitor still gets the mail nobody could unsubscribe them from.
    const event = await fixture.request(tenantId, {
      kind: 'agent-reply',
      agentName: 'Alan',
      reply: 'Still here.',
      conversationUrl: fixture.sealed('https://parley.example/conversation/room-1'),
      to: { email: to },
    });
    await fixture.waitForState(event.payload.notificationId, 'sent');
  });
});
