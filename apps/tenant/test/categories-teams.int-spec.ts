import {
  CategoryCreatedV1,
  CategoryDeletedV1,
  TeamCreatedV1,
  TeamDeletedV1,
  TeamUpdatedV1,
} from '@app/contracts';
import { bearer, TopicProbe } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: categories and teams', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;
  let admin: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([
      CategoryCreatedV1.topic,
      CategoryDeletedV1.topic,
      TeamCreatedV1.topic,
      TeamUpdatedV1.topic,
      TeamDeletedV1.topic,
    ]);
    [admin, other] = await Promise.all([tenant.signup(), tenant.signup()]);
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
  const eventFor = (
    topic: string,
    id: string,
    test: (payload: Record<string, unknown>) => boolean = () => true,
  ) =>
    probe.waitFor(
      (message) =>
        message.topic === topic &&
        message.value.includes(id) &&
        test(JSON.parse(message.value).payload),
    );

  it('keeps a list of categories with names unique per workspace, announced to chat', async () => {
    const billing = await as(admin).post('/categories', { name: 'Billing' }).expect(201);
    expect(billing.body).toMatchObject({ id: expect.any(String), name: 'Billing' });
    await eventFor(CategoryCreatedV1.topic, billing.body.id);

    const duplicate = await as(admin).post('/categories', { name: ' billing ' }).expect(409);
    expect(duplicate.body.code).toBe('name_taken');
    const empty = await as(admin).post('/categories', { name: '' }).expect(400);
    expect(empty.body.message).toContain('name');
    // Another workspace may use the name; it sees none of this one's.
    await as(other).post('/categories', { name: 'Billing' }).expect(201);
    const othersList = await as(other).get('/categories').expect(200);
    expect(JSON.stringify(othersList.body)).not.toContain(billing.body.id);

    await as(admin).patch(`/categories/${billing.body.id}`, { name: 'Invoices' }).expect(200);
    await as(other).patch(`/categories/${billing.body.id}`, { name: 'Stolen' }).expect(404);
    await as(other).delete(`/categories/${billing.body.id}`).expect(404);
    const list = await as(admin).get('/categories').expect(200);
    expect(list.body.categories.map((c: { name: string }) => c.name)).toContain('Invoices');
  });

  it('lets only a manager of the workspace change categories and teams, every agent read them', async () => {
    const { signedIn: agent } = await tenant.inviteAgent(admin);
    await as(agent).post('/categories', { name: 'Sneaky' }).expect(403);
    await as(agent).post('/teams', { name: 'Sneaky' }).expect(403);
    await as(agent).get('/categories').expect(200);
    await as(agent).get('/teams').expect(200);
  });

  it('makes teams of active agents and known categories, refusing others by field, and announces them', async () => {
    const { invited } = await tenant.inviteAgent(admin);
    const refunds = (await as(admin).post('/categories', { name: 'Refunds' }).expect(201)).body;
    const team = await as(admin)
      .post('/teams', { name: 'Money', memberIds: [invited.id], categoryIds: [refunds.id] })
      .expect(201);
    expect(team.body).toMatchObject({
      name: 'Money',
      memberIds: [invited.id],
      categoryIds: [refunds.id],
    });
    await eventFor(TeamCreatedV1.topic, team.body.id, (p) =>
      (p.memberIds as string[]).includes(invited.id),
    );

    const stranger = await as(admin)
      .post('/teams', { name: 'Strangers', memberIds: [invited.id, other.user.id] })
      .expect(400);
    expect(stranger.body.message).toContain('memberIds.1');
    const unknownCategory = await as(admin)
      .post('/teams', { name: 'Nowhere', categoryIds: ['no-such-category'] })
      .expect(400);
    expect(unknownCategory.body.message).toContain('categoryIds.0');
    await as(admin).post('/teams', { name: 'money' }).expect(409);
    const names = (await as(admin).get('/teams').expect(200)).body.teams.map(
      (t: { name: string }) => t.name,
    );
    expect(names).not.toContain('Strangers');
    expect(names).not.toContain('Nowhere');

    // Another workspace can neither see nor change it.
    expect(JSON.stringify((await as(other).get('/teams').expect(200)).body)).not.toContain(
      team.body.id,
    );
    await as(other).patch(`/teams/${team.body.id}`, { name: 'Stolen' }).expect(404);
    await as(other).delete(`/teams/${team.body.id}`).expect(404);

    // A deleted category leaves the team; the team is announced without it.
    await as(admin).delete(`/categories/${refunds.id}`).expect(204);
    await eventFor(CategoryDeletedV1.topic, refunds.id);
    await eventFor(
      TeamUpdatedV1.topic,
      team.body.id,
      (p) => (p.categoryIds as string[]).length === 0,
    );
    const after = (await as(admin).get('/teams').expect(200)).body.teams.find(
      (t: { id: string }) => t.id === team.body.id,
    );
    expect(after.categoryIds).toEqual([]);

    await as(admin).delete(`/teams/${team.body.id}`).expect(204);
    await eventFor(TeamDeletedV1.topic, team.body.id);
    await as(admin).delete(`/teams/${team.body.id}`).expect(404);
  });

  it('gives Admin the chats:supervise permission', async () => {
    const roles = (await as(admin).get('/roles').expect(200)).body.roles as Array<{
      builtIn: string | null;
      permissions: string[];
    }>;
    expect(roles.find((role) => role.builtIn === 'admin')?.permissions).toContain(
      'chats:supervise',
    );
    expect(roles.find((role) => role.builtIn === 'agent')?.permissions).not.toContain(
      'chats:supervise',
    );
  });
});
