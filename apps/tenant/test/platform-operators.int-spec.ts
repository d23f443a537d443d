import { bearer, someIp, uniqueSuffix } from '@app/testing';
import { decode } from 'jsonwebtoken';
import { type SignedUp, TenantFixture } from './tenant-fixture';

/** The permissions an access token carries. */
function permissionsIn(accessToken: string): string[] {
  return (decode(accessToken) as { perms: string[] }).perms;
}

describe('the platform’s operators', () => {
  const database = `test_tenant_${uniqueSuffix()}`;
  let tenant: TenantFixture;
  let operator: SignedUp;
  let otherAdmin: SignedUp;

  beforeAll(async () => {
    // Operators are named by user id, so the first start makes the account the second names.
    const first = await TenantFixture.start({ MONGO_DB: database });
    try {
      operator = await first.signup();
    } finally {
      await first.service.close({ keepDatabase: true });
    }
    tenant = await TenantFixture.start({
      MONGO_DB: database,
      PLATFORM_OPERATORS: operator.user.id,
    });
    otherAdmin = await tenant.signup();
  });

  afterAll(() => tenant?.close());

  it('get platform:operate in their tokens, beside what their roles grant', async () => {
    const signedIn = await tenant
      .http()
      .post('/api/tenant/auth/login')
      .set('X-Forwarded-For', someIp())
      .send({ email: operator.user.email, password: operator.password })
      .expect(200);

    expect(permissionsIn(signedIn.body.accessToken)).toEqual(
      expect.arrayContaining(['platform:operate', 'roles:manage']),
    );
    const me = await tenant.http().get('/api/tenant/me').set(bearer(signedIn.body.accessToken));
    expect(me.body.user.permissions).toContain('platform:operate');
  });

  it('are the only ones: another tenant’s Admin holds every tenant permission but that one', async () => {
    expect(permissionsIn(otherAdmin.accessToken)).toContain('roles:manage');
    expect(permissionsIn(otherAdmin.accessToken)).not.toContain('platform:operate');
  });

  it('cannot be made by a role: no role may hold platform:operate', async () => {
    const as = (path: string) => `/api/tenant${path}`;
    const refused = await tenant
      .http()
      .post(as('/roles'))
      .set(bearer(otherAdmin.accessToken))
      .send({ name: 'Operators', permissions: ['platform:operate'] })
      .expect(400);
    expect(refused.body.errors[0].field).toBe('permissions.0');

    const role = await tenant
      .http()
      .post(as('/roles'))
      .set(bearer(otherAdmin.accessToken))
      .send({ name: 'Empty', permissions: [] })
      .expect(201);
    await tenant
      .http()
      .put(as(`/roles/${role.body.id}/permissions/platform:operate`))
      .set(bearer(otherAdmin.accessToken))
      .expect(400);
    const listed = await tenant
      .http()
      .get(as('/permissions'))
      .set(bearer(otherAdmin.accessToken))
      .expect(200);
    expect(listed.body.permissions).not.toContain('platform:operate');
  });
});
