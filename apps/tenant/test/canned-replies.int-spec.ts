import { bearer } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: canned replies', () => {
  let tenant: TenantFixture;
  let admin: SignedUp;
  let agent: SignedUp;
  let colleague: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    [admin, other] = await Promise.all([tenant.signup(), tenant.signup()]);
    // Invited with the default Agent role: chats:join, not canned:manage.
    [{ signedIn: agent }, { signedIn: colleague }] = await Promise.all([
      tenant.inviteAgent(admin),
      tenant.inviteAgent(admin),
    ]);
  });

  afterAll(async () => {
    await tenant?.close();
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
  const shortcutsSeenBy = async (user: SignedUp, query = '') =>
    (await as(user).get(`/canned-replies${query}`).expect(200)).body.cannedReplies.map(
      (reply: { shortcut: string; scope: string }) => `${reply.scope}:${reply.shortcut}`,
    );

  it('keeps shared replies for every agent and personal ones for their owner, by shortcut', async () => {
    const shared = await as(admin)
      .post('/canned-replies', {
        shortcut: 'Hello',
        title: 'Greeting',
        body: 'Hi {{visitor.name}}, {{agent.name}} here.',
        scope: 'shared',
      })
      .expect(201);
    expect(shared.body).toMatchObject({
      id: expect.any(String),
      shortcut: 'hello',
      title: 'Greeting',
      scope: 'shared',
      ownerId: null,
      createdBy: admin.user.id,
    });
    const personal = await as(agent)
      .post('/canned-replies', { shortcut: 'bye', body: 'Bye {{ visitor.name }}!' })
      .expect(201);
    expect(personal.body).toMatchObject({
      scope: 'personal',
      ownerId: agent.user.id,
      title: null,
    });
    // A personal shortcut may repeat a shared one: they are different sets.
    await as(agent).post('/canned-replies', { shortcut: 'hello', body: 'Hey!' }).expect(201);

    expect(await shortcutsSeenBy(agent)).toEqual([
      'personal:bye',
      'personal:hello',
      'shared:hello',
    ]);
    expect(await shortcutsSeenBy(colleague)).toEqual(['shared:hello']);
    expect(await shortcutsSeenBy(admin)).toEqual(['shared:hello']);
    // `q` narrows by the start of the shortcut or of the title, whatever its case.
    expect(await shortcutsSeenBy(agent, '?q=by')).toEqual(['personal:bye']);
    expect(await shortcutsSeenBy(agent, '?q=GREET')).toEqual(['shared:hello']);
    expect(await shortcutsSeenBy(agent, '?q=.*')).toEqual([]);

    const edited = await as(agent)
      .patch(`/canned-replies/${personal.body.id}`, {
        body: 'See you, {{visitor.name}}.',
        title: 'Farewell',
      })
      .expect(200);
    expect(edited.body).toMatchObject({
      shortcut: 'bye',
      title: 'Farewell',
      body: 'See you, {{visitor.name}}.',
    });
    await as(agent).delete(`/canned-replies/${personal.body.id}`).expect(204);
    expect(await shortcutsSeenBy(agent)).toEqual(['personal:hello', 'shared:hello']);
  });

  it('lets only holders of canned:manage change shared replies', async () => {
    const refused = await as(agent)
      .post('/canned-replies', { shortcut: 'sneaky', body: 'x', scope: 'shared' })
      .expect(403);
    expect(refused.body.code).toBe('canned_manage_required');

    const shared = await as(admin)
      .post('/canned-replies', {
        shortcut: 'refund',
        body: 'Refunds take 5 days.',
        scope: 'shared',
      })
      .expect(201);
    await as(agent).patch(`/canned-replies/${shared.body.id}`, { body: 'changed' }).expect(403);
    await as(agent).delete(`/canned-replies/${shared.body.id}`).expect(403);

    // A role holding canned:manage is enough; it is not Admin's alone.
    const role = await as(admin)
      .post('/roles', {
        name: `Editors ${Date.now()}`,
        permissions: ['chats:join', 'canned:manage'],
      })
      .expect(201);
    const { signedIn: editor } = await tenant.inviteAgent(admin, { roleIds: [role.body.id] });
    await as(editor)
      .patch(`/canned-replies/${shared.body.id}`, { shortcut: 'refunds' })
      .expect(200);
    await as(editor).delete(`/canned-replies/${shared.body.id}`).expect(204);
  });

  it("hides another agent's personal replies: reading, changing or deleting one is a 404", async () => {
    const mine = await as(agent)
      .post('/canned-replies', { shortcut: 'mine', body: 'Only mine.' })
      .expect(201);
    await as(colleague).patch(`/canned-replies/${mine.body.id}`, { body: 'stolen' }).expect(404);
    await as(colleague).delete(`/canned-replies/${mine.body.id}`).expect(404);
    // Not even canned:manage reaches another agent's personal reply.
    await as(admin).delete(`/canned-replies/${mine.body.id}`).expect(404);
    expect(await shortcutsSeenBy(colleague)).not.toContain('personal:mine');
  });

  it('refuses bad fields by name, before saving', async () => {
    const cases: Array<[object, string]> = [
      [{ shortcut: 'two words', body: 'x' }, 'shortcut'],
      [{ shortcut: 'é', body: 'x' }, 'shortcut'],
      [{ shortcut: '', body: 'x' }, 'shortcut'],
      [{ shortcut: 'a'.repeat(33), body: 'x' }, 'shortcut'],
      [{ shortcut: 'ok', body: '   ' }, 'body'],
      [{ shortcut: 'ok', body: 'x'.repeat(4001) }, 'body'],
      [{ shortcut: 'ok', body: 'Hi {{visitor.nmae}}' }, 'body'],
      [{ shortcut: 'ok', body: 'x', scope: 'team' }, 'scope'],
      [{ shortcut: 'ok', body: 'x', ownerId: colleague.user.id }, 'ownerId'],
    ];
    for (const [body, field] of cases) {
      const refused = await as(agent).post('/canned-replies', body).expect(400);
      expect(refused.body.code).toBe('validation_failed');
      // One field, perhaps for more than one reason (an empty shortcut is also not a pattern).
      const fields = refused.body.errors.map((error: { field: string }) => error.field);
      expect([...new Set(fields)]).toEqual([field]);
    }
    const typo = await as(agent)
      .post('/canned-replies', { shortcut: 'ok', body: 'Hi {{visitor.nmae}}' })
      .expect(400);
    expect(typo.body.message).toContain('{{visitor.nmae}}');

    const reply = await as(agent)
      .post('/canned-replies', { shortcut: 'fine', body: 'x' })
      .expect(201);
    const badEdit = await as(agent)
      .patch(`/canned-replies/${reply.body.id}`, { body: '{{agent.email}}' })
      .expect(400);
    expect(badEdit.body.errors[0].field).toBe('body');
    // A reply keeps its scope.
    await as(agent).patch(`/canned-replies/${reply.body.id}`, { scope: 'shared' }).expect(400);
  });

  it('refuses a shortcut its set already has, naming it', async () => {
    await as(admin)
      .post('/canned-replies', { shortcut: 'thanks', body: 'Thank you!', scope: 'shared' })
      .expect(201);
    const duplicate = await as(admin)
      .post('/canned-replies', { shortcut: ' THANKS ', body: 'Thanks again', scope: 'shared' })
      .expect(409);
    expect(duplicate.body).toMatchObject({ code: 'shortcut_taken' });
    expect(duplicate.body.message).toContain('shortcut');

    await as(colleague).post('/canned-replies', { shortcut: 'later', body: 'Later.' }).expect(201);
    const second = await as(colleague)
      .post('/canned-replies', { shortcut: 'soon', body: 'Soon.' })
      .expect(201);
    const renamed = await as(colleague)
      .patch(`/canned-replies/${second.body.id}`, { shortcut: 'later' })
      .expect(409);
    expect(renamed.body.code).toBe('shortcut_taken');
    // Another agent's personal shortcuts are theirs alone.
    await as(agent).post('/canned-replies', { shortcut: 'later', body: 'Mine.' }).expect(201);
  });

  it("answers 404 to another workspace's ids and lists none of its replies", async () => {
    const shared = await as(admin)
      .post('/canned-replies', { shortcut: 'welcome', body: 'Welcome!', scope: 'shared' })
      .expect(201);
    await as(other).patch(`/canned-replies/${shared.body.id}`, { body: 'stolen' }).expect(404);
    await as(other).delete(`/canned-replies/${shared.body.id}`).expect(404);
    // The same shortcut is free in another workspace.
    await as(other)
      .post('/canned-replies', { shortcut: 'welcome', body: 'Hello', scope: 'shared' })
      .expect(201);
    const othersList = await as(other).get('/canned-replies').expect(200);
    expect(JSON.stringify(othersList.body)).not.toContain(shared.body.id);
    expect(othersList.body.cannedReplies).toHaveLength(1);
    await as(admin).get('/canned-replies').expect(200);
  });

  it('keeps at most 100 personal replies per agent', async () => {
    const { signedIn: prolific } = await tenant.inviteAgent(admin);
    for (let start = 0; start < 100; start += 20)
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          as(prolific)
            .post('/canned-replies', { shortcut: `r${start + index}`, body: 'x' })
            .expect(201),
        ),
      );
    const refused = await as(prolific)
      .post('/canned-replies', { shortcut: 'one-more', body: 'x' })
      .expect(409);
    expect(refused.body.code).toBe('canned_reply_limit_reached');
    // Others are not counted against it.
    await as(colleague).post('/canned-replies', { shortcut: 'one-more', body: 'x' }).expect(201);
  });
});
