import { LabelCreatedV1, LabelDeletedV1, LabelUpdatedV1 } from '@app/contracts';
import { bearer, TopicProbe } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: labels', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;
  let admin: SignedUp;
  let agent: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([
      LabelCreatedV1.topic,
      LabelUpdatedV1.topic,
      LabelDeletedV1.topic,
    ]);
    [admin, other] = await Promise.all([tenant.signup(), tenant.signup()]);
    // Invited with the default Agent role: chats:join, not labels:manage.
    ({ signedIn: agent } = await tenant.inviteAgent(admin));
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const as = (user: { accessToken: string }) => ({
    get: (path: string) => tenant.http().get(`/api/tenant${path}`).set(bearer(user.accessToken)),
    post: (path: string, body?: object) =>
      tenant.http().post(`/api/tenant${path}`).set(bearer(user.accessToken)).send(body),
    patch: (path: string, body: object) =>
      tenant.http().patch(`/api/tenant${path}`).set(bearer(user.accessToken)).send(body),
    delete: (path: string) =>
      tenant.http().delete(`/api/tenant${path}`).set(bearer(user.accessToken)),
  });
  const eventFor = async (topic: string, id: string) =>
    JSON.parse(
      (await probe.waitFor((message) => message.topic === topic && message.value.includes(id)))
        .value,
    );

  it('keeps labels with their colours, announced to chat, and lists them to every agent', async () => {
    const vip = await as(admin).post('/labels', { name: 'VIP', color: '#D97706' }).expect(201);
    expect(vip.body).toMatchObject({ id: expect.any(String), name: 'VIP', color: '#D97706' });
    expect((await eventFor(LabelCreatedV1.topic, vip.body.id)).payload).toEqual({
      labelId: vip.body.id,
      name: 'VIP',
      color: '#D97706',
    });

    const renamed = await as(admin)
      .patch(`/labels/${vip.body.id}`, { name: 'Key account' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Key account', color: '#D97706' });
    const recoloured = await as(admin)
      .patch(`/labels/${vip.body.id}`, { color: '#16a34a' })
      .expect(200);
    expect(recoloured.body).toMatchObject({ name: 'Key account', color: '#16a34a' });
    await probe.waitFor(
      (message) =>
        message.topic === LabelUpdatedV1.topic &&
        message.value.includes(vip.body.id) &&
        message.value.includes('#16a34a'),
    );

    const bug = await as(admin).post('/labels', { name: 'Bug', color: '#dc2626' }).expect(201);
    const listed = (await as(agent).get('/labels').expect(200)).body.labels;
    expect(listed.map(({ name, color }: { name: string; color: string }) => [name, color])).toEqual(
      [
        ['Key account', '#16a34a'],
        ['Bug', '#dc2626'],
      ],
    );

    await as(admin).delete(`/labels/${bug.body.id}`).expect(204);
    expect((await eventFor(LabelDeletedV1.topic, bug.body.id)).payload).toEqual({
      labelId: bug.body.id,
    });
    const after = (await as(agent).get('/labels').expect(200)).body.labels;
    expect(after.map((label: { id: string }) => label.id)).toEqual([vip.body.id]);
    await as(admin).delete(`/labels/${bug.body.id}`).expect(404);
  });

  it('answers 409 to a second label of the same name, whatever its case', async () => {
    const refund = await as(admin)
      .post('/labels', { name: 'Refund', color: '#2563eb' })
      .expect(201);
    const again = await as(admin).post('/labels', { name: 'REFUND', color: '#000000' }).expect(409);
    expect(again.body.code).toBe('name_taken');
    const spam = await as(admin).post('/labels', { name: 'Spam', color: '#000000' }).expect(201);
    const renamed = await as(admin)
      .patch(`/labels/${spam.body.id}`, { name: 'refund ' })
      .expect(409);
    expect(renamed.body.code).toBe('name_taken');
    // Another workspace may have its own "Refund".
    await as(other).post('/labels', { name: 'refund', color: '#2563eb' }).expect(201);
    expect(refund.body.name).toBe('Refund');
  });

  it('answers 400 naming the field: a colour that is no #rrggbb, a blank name', async () => {
    const cases: Array<[object, string]> = [
      [{ name: 'Red', color: 'red' }, 'color'],
      [{ name: 'Red', color: '#ff000' }, 'color'],
      [{ name: 'Red' }, 'color'],
      [{ name: '  ', color: '#ff0000' }, 'name'],
      [{ name: 'Red', color: '#ff0000', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const refused = await as(admin).post('/labels', body).expect(400);
      expect(refused.body.message).toContain(field);
    }
    const label = await as(admin).post('/labels', { name: 'Green', color: '#00ff00' }).expect(201);
    const refused = await as(admin)
      .patch(`/labels/${label.body.id}`, { color: 'rgb(0,255,0)' })
      .expect(400);
    expect(refused.body.message).toContain('color');
  });

  it('lets only holders of labels:manage change labels, and hides other workspaces’ labels', async () => {
    await as(agent).post('/labels', { name: 'Mine', color: '#123456' }).expect(403);
    const label = await as(admin).post('/labels', { name: 'Theirs', color: '#123456' }).expect(201);
    await as(agent).patch(`/labels/${label.body.id}`, { name: 'Mine' }).expect(403);
    await as(agent).delete(`/labels/${label.body.id}`).expect(403);

    await as(other).patch(`/labels/${label.body.id}`, { name: 'Stolen' }).expect(404);
    await as(other).delete(`/labels/${label.body.id}`).expect(404);
    const theirs = await as(other).get('/labels').expect(200);
    expect(JSON.stringify(theirs.body)).not.toContain(label.body.id);
    await as(admin).get('/labels').expect(200);
  });
});
