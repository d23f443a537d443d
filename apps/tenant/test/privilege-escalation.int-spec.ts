import { PERMISSIONS } from '@app/auth';
import { bearer } from '@app/testing';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('no one becomes Admin who was not made Admin (privilege escalation)', () => {
  let tenant: TenantFixture;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
  });

  afterAll(async () => {
    await tenant?.close();
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

  /** A workspace whose admin made one agent a holder of `permissions`, and nothing more. */
  async function workspaceWith(permissions: string[]) {
    const admin = await tenant.signup();
    const roles = (await as(admin).get('/roles').expect(200)).body.roles as {
      id: string;
      builtIn: string | null;
    }[];
    const adminRole = roles.find((role) => role.builtIn === 'admin')!;
    const agentRole = roles.find((role) => role.builtIn === 'agent')!;
    const limited = await as(admin).post('/roles', { name: 'Limited', permissions }).expect(201);
    const holder = await tenant.inviteAgent(admin, { roleIds: [limited.body.id] });
    const colleague = await tenant.inviteAgent(admin);
    return { admin, adminRole, agentRole, limitedRole: limited.body, holder, colleague };
  }

  const permissionsOf = async (account: SignedUp) =>
    (await as(account).get('/me').expect(200)).body.user.permissions as string[];

  it('refuses an agents:manage holder who makes themselves Admin', async () => {
    const { adminRole, holder } = await workspaceWith(['agents:manage']);
    const self = holder.signedIn;

    const attempt = await as(self)
      .patch(`/agents/${self.user.id}`, { roleIds: [adminRole.id] })
      .expect(403);

    expect(attempt.body.code).toBe('own_roles');
    expect(await permissionsOf(self)).toEqual(['agents:manage']);
  });

  it('refuses an agents:manage holder who makes a colleague Admin, or invites one', async () => {
    const { adminRole, holder, colleague } = await workspaceWith(['agents:manage']);

    const promote = await as(holder.signedIn)
      .patch(`/agents/${colleague.invited.id}`, { roleIds: [adminRole.id] })
      .expect(403);
    const invite = await as(holder.signedIn)
      .post('/agents/invitations', {
        email: `accomplice-${Date.now()}@example.com`,
        name: 'Accomplice',
        roleIds: [adminRole.id],
      })
      .expect(403);

    expect(promote.body.code).toBe('admin_required');
    expect(invite.body.code).toBe('admin_required');
    expect(await permissionsOf(colleague.signedIn)).not.toContain('agents:manage');
  });

  it('refuses an agents:manage holder who gives a colleague a role with permissions they lack', async () => {
    const { admin, holder, colleague } = await workspaceWith(['agents:manage']);
    const wide = await as(admin)
      .post('/roles', { name: 'Wide', permissions: ['roles:manage', 'tenant:manage'] })
      .expect(201);

    const attempt = await as(holder.signedIn)
      .patch(`/agents/${colleague.invited.id}`, { roleIds: [wide.body.id] })
      .expect(403);

    expect(attempt.body.code).toBe('grant_exceeds_own');
    expect(attempt.body.message).toContain('roles:manage');
    expect(await permissionsOf(colleague.signedIn)).not.toContain('roles:manage');
  });

  it('refuses an agents:manage holder who demotes, deactivates or deletes an Admin', async () => {
    const { admin, agentRole, holder } = await workspaceWith(['agents:manage']);

    for (const attempt of [
      as(holder.signedIn).patch(`/agents/${admin.user.id}`, { roleIds: [agentRole.id] }),
      as(holder.signedIn).patch(`/agents/${admin.user.id}`, { status: 'deactivated' }),
      as(holder.signedIn).delete(`/agents/${admin.user.id}`),
    ]) {
      expect((await attempt.expect(403)).body.code).toBe('admin_required');
    }
    await as(admin).get('/me').expect(200);
  });

  it('refuses a roles:manage holder who creates or widens a role to every permission', async () => {
    const { holder, limitedRole, adminRole } = await workspaceWith(['roles:manage']);
    const self = holder.signedIn;

    const create = await as(self)
      .post('/roles', { name: 'Everything', permissions: [...PERMISSIONS] })
      .expect(403);
    const widen = await as(self)
      .patch(`/roles/${limitedRole.id}`, { permissions: [...PERMISSIONS] })
      .expect(403);
    const grantOne = await as(self)
      .put(`/roles/${limitedRole.id}/permissions/agents:manage`)
      .expect(403);
    const renameAdmin = await as(self)
      .patch(`/roles/${adminRole.id}`, { name: 'Not admin' })
      .expect(403);

    expect(create.body.code).toBe('grant_exceeds_own');
    expect(widen.body.code).toBe('grant_exceeds_own');
    expect(grantOne.body.code).toBe('grant_exceeds_own');
    expect(renameAdmin.body.code).toBe('admin_required');
    expect(await permissionsOf(self)).toEqual(['roles:manage']);
    const roles = (await as(self).get('/roles').expect(200)).body.roles as { name: string }[];
    expect(roles.map((role) => role.name)).not.toContain('Everything');
  });

  it('still lets a holder grant what they hold, and withdraw what they do not', async () => {
    const { admin, holder } = await workspaceWith(['roles:manage', 'chats:join']);
    const role = await as(admin)
      .post('/roles', { name: 'Reporting', permissions: ['analytics:view'] })
      .expect(201);

    await as(holder.signedIn)
      .post('/roles', { name: 'Joiners', permissions: ['chats:join'] })
      .expect(201);
    const narrowed = await as(holder.signedIn)
      .patch(`/roles/${role.body.id}`, { permissions: ['chats:join'] })
      .expect(200);
    expect(narrowed.body.permissions).toEqual(['chats:join']);
  });

  it('refuses even an Admin who changes their own roles; another Admin may', async () => {
    const { admin, adminRole, agentRole } = await workspaceWith(['chats:join']);
    const second = await tenant.inviteAgent(admin, { roleIds: [adminRole.id] });

    const own = await as(admin)
      .patch(`/agents/${admin.user.id}`, { roleIds: [agentRole.id] })
      .expect(403);
    expect(own.body.code).toBe('own_roles');

    await as(second.signedIn)
      .patch(`/agents/${admin.user.id}`, { roleIds: [agentRole.id] })
      .expect(200);
    expect(await permissionsOf(admin)).not.toContain('agents:manage');
  });
});
