import { TenantUpdatedV1 } from '@app/contracts';
import { bearer, TopicProbe } from '@app/testing';
import { TenantFixture } from './tenant-fixture';

describe('tenant service: workspace settings', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([TenantUpdatedV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const settings = (token: string) => ({
    get: () => tenant.http().get('/api/tenant/settings').set(bearer(token)),
    patch: (body: object) =>
      tenant.http().patch('/api/tenant/settings').set(bearer(token)).send(body),
  });

  it('starts with manual assignment and the default colour', async () => {
    const admin = await tenant.signup('Settings Co');
    const answer = await settings(admin.accessToken).get().expect(200);
    expect(answer.body).toMatchObject({
      id: admin.tenant.id,
      name: 'Settings Co',
      brandColor: '#2563eb',
      autoAssignment: 'off',
    });
  });

  it('changes name, colour and assignment, and announces the new settings on Kafka', async () => {
    const admin = await tenant.signup();
    const answer = await settings(admin.accessToken)
      .patch({ name: 'Renamed', brandColor: '#112233', autoAssignment: 'round-robin' })
      .expect(200);
    expect(answer.body).toMatchObject({
      name: 'Renamed',
      brandColor: '#112233',
      autoAssignment: 'round-robin',
    });
    const event = await probe.waitFor((message) => message.key === admin.tenant.id);
    expect(JSON.parse(event.value).payload).toMatchObject({
      tenantId: admin.tenant.id,
      name: 'Renamed',
      brandColor: '#112233',
      autoAssignment: 'round-robin',
    });
  });

  it('refuses bad values with 400 naming the field, and an empty change', async () => {
    const admin = await tenant.signup();
    const api = settings(admin.accessToken);
    const badColour = await api.patch({ brandColor: 'red' }).expect(400);
    expect(JSON.stringify(badColour.body.errors)).toContain('brandColor');
    const badMode = await api.patch({ autoAssignment: 'random' }).expect(400);
    expect(JSON.stringify(badMode.body.errors)).toContain('autoAssignment');
    await api.patch({ unknownField: 1 }).expect(400);
    await api.patch({}).expect(400);
    expect((await api.get().expect(200)).body).toMatchObject({ brandColor: '#2563eb' });
  });

  it('keeps the attachment types a workspace accepts, images, PDF and text until changed', async () => {
    const admin = await tenant.signup();
    const api = settings(admin.accessToken);
    expect((await api.get().expect(200)).body.attachmentTypes).toEqual([
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'text/plain',
    ]);
    const changed = await api
      .patch({ attachmentTypes: ['application/pdf', 'application/zip'] })
      .expect(200);
    expect(changed.body.attachmentTypes).toEqual(['application/pdf', 'application/zip']);
    const event = await probe.waitFor((message) => message.key === admin.tenant.id);
    expect(JSON.parse(event.value).payload.attachmentTypes).toEqual([
      'application/pdf',
      'application/zip',
    ]);

    for (const refused of [[], ['application/x-msdownload'], ['image/png', 'image/png']]) {
      const answer = await api.patch({ attachmentTypes: refused }).expect(400);
      expect(JSON.stringify(answer.body.errors)).toContain('attachmentTypes');
    }
    expect((await api.get().expect(200)).body.attachmentTypes).toEqual([
      'application/pdf',
      'application/zip',
    ]);
  });

  it('lets agents read but not change the settings', async () => {
    const admin = await tenant.signup();
    const { signedIn: agent } = await tenant.inviteAgent(admin);
    await settings(agent.accessToken).get().expect(200);
    await settings(agent.accessToken).patch({ autoAssignment: 'round-robin' }).expect(403);
    await tenant.http().get('/api/tenant/settings').expect(401);
  });
});
