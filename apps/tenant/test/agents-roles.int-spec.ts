import {
  NotificationRequestedV1,
  UserDeletedV1,
  UserInvitedV1,
  UserUpdatedV1,
} from '@app/contracts';
import { bearer, someIp, TopicProbe, uniqueEmail } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: agents, invitations, roles and permissions', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([
      NotificationRequestedV1.topic,
      UserInvitedV1.topic,
      UserUpdatedV1.topic,
      UserDeletedV1.topic,
    ]);
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const as = (account: { accessToken: string }) => ({
    get: (path: string) => tenant.http().get(`/api/tenant${path}`).set(bearer(account.accessToken)),
    post: (path: string, body?: object) =>
      tenant.http().post(`/api/tenant${path}`).set(bearer(account.accessToken)).send(body),
    patch: (path: string, body: object) =>
      tenant.http().patch(`/api/tenant${path}`).set(bearer(account.accessToken)).send(body),
    put: (path: string) => tenant.http().put(`/api/tenant${path}`).set(bearer(account.accessToken)),
    delete: (path: string) =>
      tenant.http().delete(`/api/tenant${path}`).set(bearer(account.accessToken)),
  });

  async function inviteAndAccept(admin: SignedUp, body: Record<string, unknown> = {}) {
    const result = await tenant.inviteAgent(admin, body);
    const message = await probe.waitFor(
      (candidate) =>
        candidate.topic === NotificationRequestedV1.topic && candidate.value.includes(result.email),
    );
    return { ...result, notification: JSON.parse(message.value).payload };
  }

  describe('invitations', () => {
    it('creates an invited agent, announces it and emails a link that signs the agent in', async () => {
      const admin = await tenant.signup('Invite Co');
      const { invited, signedIn, notification } = await inviteAndAccept(admin);

      expect(invited).toMatchObject({ name: 'Alan Agent', status: 'invited', roles: ['Agent'] });
      expect(notification).toMatchObject({
        kind: 'agent-invite',
        tenantName: 'Invite Co',
        inviterName: 'Ada Admin',
      });
      const announced = await probe.waitFor(
        (message) => message.topic === UserInvitedV1.topic && message.value.includes(invited.id),
      );
      expect(JSON.parse(announced.value).payload).toMatchObject({
        status: 'invited',
        permissions: expect.arrayContaining(['chats:join']),
      });

      expect(signedIn.user).toMatchObject({ id: invited.id, roles: ['Agent'] });
      const agent = await as(admin).get(`/agents/${invited.id}`).expect(200);
      expect(agent.body.status).toBe('active');
    });

    it('accepts an invitation only once', async () => {
      const admin = await tenant.signup();
      const { token } = await inviteAndAccept(admin);
      const again = await tenant
        .http()
        .post('/api/tenant/auth/invitations/accept')
        .send({ token, password: 'agent password 2' })
        .expect(400);
      expect(again.body.code).toBe('invalid_token');
    });

    it('refuses to invite an address already among the workspace’s own people with 409', async () => {
      const admin = await tenant.signup();
      const { email } = await inviteAndAccept(admin);
      for (const taken of [admin.user.email, email]) {
        const response = await as(admin)
          .post('/agents/invitations', { email: taken, name: 'Taken' })
          .expect(409);
        expect(response.body.code).toBe('email_taken');
      }
    });

    it('refuses unknown roles and bad fields with 400', async () => {
      const admin = await tenant.signup();
      await as(admin)
        .post('/agents/invitations', { email: uniqueEmail(), name: 'X', roleIds: ['nope'] })
        .expect(400);
      const bad = await as(admin)
        .post('/agents/invitations', { email: uniqueEmail(), name: 'X', maxConcurrentChats: -1 })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('maxConcurrentChats');
    });
  });

  describe('permissions', () => {
    it('answers 403 to an agent without agents:manage, and 200 to the admin', async () => {
      const admin = await tenant.signup();
      const { signedIn } = await inviteAndAccept(admin);
      const refused = await as(signedIn).get('/agents').expect(403);
      expect(refused.body.message).toContain('agents:manage');
      await as(signedIn)
        .post('/chatbots', { name: 'x', allowedOrigins: ['https://a.example'] })
        .expect(403);
      await as(admin).get('/agents').expect(200);
    });

    it('applies a role change to the next request and announces the agent again', async () => {
      const admin = await tenant.signup();
      const { signedIn, invited } = await inviteAndAccept(admin);
      const role = await as(admin)
        .post('/roles', { name: 'Supervisor', permissions: ['agents:manage'] })
        .expect(201);

      await as(admin)
        .patch(`/agents/${invited.id}`, { roleIds: [role.body.id] })
        .expect(200);
      await as(signedIn).get('/agents').expect(200);
      await probe.waitFor(
        (message) =>
          message.topic === UserUpdatedV1.topic &&
          message.value.includes(invited.id) &&
          JSON.parse(message.value).payload.roles.includes('Supervisor'),
      );

      await as(admin).delete(`/roles/${role.body.id}/permissions/agents:manage`).expect(200);
      await as(signedIn).get('/agents').expect(403);
      await as(admin).put(`/roles/${role.body.id}/permissions/agents:manage`).expect(200);
      await as(signedIn).get('/agents').expect(200);
    });

    it('lists the permissions a role can grant, and refuses an unknown one', async () => {
      const admin = await tenant.signup();
      const listed = await as(admin).get('/permissions').expect(200);
      expect(listed.body.permissions).toEqual(
        expect.arrayContaining(['chats:join', 'analytics:view']),
      );
      const role = await as(admin).post('/roles', { name: 'R', permissions: [] }).expect(201);
      await as(admin).put(`/roles/${role.body.id}/permissions/root:everything`).expect(400);
      const bad = await as(admin)
        .post('/roles', { name: 'S', permissions: ['root:everything'] })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('permissions.0');
    });
  });

  describe('agent lifecycle', () => {
    it('deactivates an agent: the open session stops at once and sign-in is refused', async () => {
      const admin = await tenant.signup();
      const { signedIn, invited, email } = await inviteAndAccept(admin);
      await as(signedIn).get('/me').expect(200);

      await as(admin).patch(`/agents/${invited.id}`, { status: 'deactivated' }).expect(200);

      await as(signedIn).get('/me').expect(401);
      await tenant
        .http()
        .post('/api/tenant/auth/refresh')
        .send({ refreshToken: signedIn.refreshToken })
        .expect(401);
      await tenant
        .http()
        .post('/api/tenant/auth/login')
        .set('X-Forwarded-For', someIp())
        .send({ email, password: 'agent password 1' })
        .expect(401);
      await probe.waitFor(
        (message) =>
          message.topic === UserUpdatedV1.topic &&
          message.value.includes(invited.id) &&
          JSON.parse(message.value).payload.status === 'deactivated',
      );
    });

    it('updates name and capacity, lists agents, deletes one', async () => {
      const admin = await tenant.signup();
      const { invited } = await inviteAndAccept(admin);
      const updated = await as(admin)
        .patch(`/agents/${invited.id}`, { name: 'Alan T.', maxConcurrentChats: 3 })
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Alan T.', maxConcurrentChats: 3 });

      const list = await as(admin).get('/agents').expect(200);
      expect(list.body.agents.map((agent: { id: string }) => agent.id)).toEqual([
        admin.user.id,
        invited.id,
      ]);
      const active = await as(admin).get('/agents?status=invited').expect(200);
      expect(active.body.agents).toEqual([]);

      await as(admin).delete(`/agents/${invited.id}`).expect(204);
      await as(admin).get(`/agents/${invited.id}`).expect(404);
      await probe.waitFor(
        (message) => message.topic === UserDeletedV1.topic && message.value.includes(invited.id),
      );
    });

    it('refuses to demote, deactivate or delete the last admin with 409', async () => {
      const admin = await tenant.signup();
      const agentRole = (await as(admin).get('/roles').expect(200)).body.roles.find(
        (role: { builtIn: string }) => role.builtIn === 'agent',
      );
      const demoteSelf = await as(admin)
        .patch(`/agents/${admin.user.id}`, { roleIds: [agentRole.id] })
        .expect(403);
      expect(demoteSelf.body.code).toBe('own_roles');
      for (const attempt of [
        as(admin).patch(`/agents/${admin.user.id}`, { status: 'deactivated' }),
        as(admin).delete(`/agents/${admin.user.id}`),
      ]) {
        const response = await attempt.expect(409);
        expect(response.body.code).toBe('last_admin');
      }
    });

    it('lets another admin demote an admin once a second admin exists', async () => {
      const admin = await tenant.signup();
      const roles = (await as(admin).get('/roles').expect(200)).body.roles;
      const adminRole = roles.find((role: { builtIn: string }) => role.builtIn === 'admin');
      const agentRole = roles.find((role: { builtIn: string }) => role.builtIn === 'agent');
      const { invited, signedIn } = await inviteAndAccept(admin, { roleIds: [adminRole.id] });
      expect(invited.roles).toEqual(['Admin']);

      await as(signedIn)
        .patch(`/agents/${admin.user.id}`, { roleIds: [agentRole.id] })
        .expect(200);
    });
  });

  describe('roles', () => {
    it('keeps the Admin role whole and built-in roles undeletable', async () => {
      const admin = await tenant.signup();
      const roles = (await as(admin).get('/roles').expect(200)).body.roles;
      const adminRole = roles.find((role: { builtIn: string }) => role.builtIn === 'admin');
      const agentRole = roles.find((role: { builtIn: string }) => role.builtIn === 'agent');
      expect(
        (await as(admin).delete(`/roles/${adminRole.id}/permissions/agents:manage`).expect(409))
          .body.code,
      ).toBe('builtin_role');
      await as(admin).delete(`/roles/${agentRole.id}`).expect(409);
    });

    it('refuses a duplicate name and deleting a role still assigned', async () => {
      const admin = await tenant.signup();
      const role = await as(admin)
        .post('/roles', { name: 'Night shift', permissions: ['chats:join'] })
        .expect(201);
      expect((await as(admin).post('/roles', { name: 'Night shift' }).expect(409)).body.code).toBe(
        'role_name_taken',
      );
      await inviteAndAccept(admin, { roleIds: [role.body.id] });
      expect((await as(admin).delete(`/roles/${role.body.id}`).expect(409)).body.code).toBe(
        'role_in_use',
      );
      const unused = await as(admin).post('/roles', { name: 'Unused' }).expect(201);
      expect(
        (await as(admin).patch(`/roles/${unused.body.id}`, { name: 'Night shift' }).expect(409))
          .body.code,
      ).toBe('role_name_taken');
      await as(admin).delete(`/roles/${unused.body.id}`).expect(204);
      await as(admin).get(`/roles/${unused.body.id}`).expect(404);
    });
  });
});
