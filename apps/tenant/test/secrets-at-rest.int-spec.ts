import { bearer, someIp, uniqueEmail } from '@app/testing';
import { TenantFixture } from './tenant-fixture';

describe('secrets at rest', () => {
  let tenant: TenantFixture;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
  });

  afterAll(async () => {
    await tenant?.close();
  });

  it('stores no password, API key, refresh, reset or invitation token in plain text', async () => {
    const admin = await tenant.signup();
    const chatbot = await tenant
      .http()
      .post('/api/tenant/chatbots')
      .set(bearer(admin.accessToken))
      .send({ name: 'C', allowedOrigins: ['https://a.example'] })
      .expect(201);
    const rotated = await tenant
      .http()
      .post(`/api/tenant/auth/refresh`)
      .send({ refreshToken: admin.refreshToken })
      .expect(200);
    const inviteeEmail = uniqueEmail('invitee');
    await tenant
      .http()
      .post('/api/tenant/agents/invitations')
      .set(bearer(admin.accessToken))
      .send({ email: inviteeEmail, name: 'I' })
      .expect(201);
    await tenant
      .http()
      .post('/api/tenant/auth/password-reset')
      .set('X-Forwarded-For', someIp())
      .send({ email: admin.user.email })
      .expect(202);

    const secrets = {
      password: admin.password,
      apiKey: chatbot.body.apiKey,
      refreshToken: admin.refreshToken.split('.')[1],
      rotatedRefreshToken: rotated.body.refreshToken.split('.')[1],
      invitationToken: (await tenant.emailedToken(inviteeEmail, 'agent-invite')).split('.')[1],
      resetToken: (await tenant.emailedToken(admin.user.email, 'password-reset')).split('.')[1],
    };

    const db = tenant.service.db;
    const dump: string[] = [];
    for (const { name } of await db.listCollections()) {
      dump.push(JSON.stringify(await db.collection(name).find().toArray()));
    }
    const everything = dump.join('\n');
    for (const [what, secret] of Object.entries(secrets)) {
      expect({ what, stored: everything.includes(secret) }).toEqual({ what, stored: false });
    }
    const user = await db.collection('users').findOne({ email: admin.user.email });
    expect(user?.passwordHash).toMatch(/^\$2b\$/);
  });
});
