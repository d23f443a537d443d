import { someIp, uniqueEmail, uniqueSuffix } from '@app/testing';
import { MongoClient } from 'mongodb';
import { TenantFixture } from './tenant-fixture';

describe('users stored before email claims', () => {
  const database = `test_tenant_legacy_${uniqueSuffix()}`;
  const active = { _id: 'legacy-active', email: uniqueEmail('legacy'), status: 'active' };
  const invited = { _id: 'legacy-invited', email: uniqueEmail('invited'), status: 'invited' };
  let tenant: TenantFixture;

  beforeAll(async () => {
    // What an earlier version left: a unique index on `email`, and users without a claim.
    const client = await MongoClient.connect(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
    try {
      const users = client
        .db(database)
        .collection<{ _id: string; [field: string]: unknown }>('users');
      await users.createIndex({ email: 1 }, { unique: true });
      const common = { name: 'Legacy', passwordHash: null, roleIds: [], ipAddresses: [] };
      await users.insertMany([
        { ...active, tenantId: 'tenant-a', ...common },
        { ...invited, tenantId: 'tenant-b', ...common },
      ]);
    } finally {
      await client.close();
    }
    tenant = await TenantFixture.start({ MONGO_DB: database });
  });

  afterAll(async () => {
    await tenant?.close();
  });

  it('get their claim at start, and an old invitation no longer reserves its address', async () => {
    const users = tenant.service.db.collection('users');
    expect(await users.findOne({ _id: active._id as never })).toMatchObject({
      emailClaim: active.email,
    });
    expect(await users.findOne({ _id: invited._id as never })).toMatchObject({
      emailClaim: `unclaimed:${invited._id}`,
    });
    expect((await users.indexes()).map((index) => index.name)).not.toContain('email_1');

    const signUp = (email: string) =>
      tenant
        .http()
        .post('/api/tenant/auth/signup')
        .set('X-Forwarded-For', someIp())
        .send({ tenantName: 'Mine', name: 'Owner', email, password: 'owner password 1' });
    await signUp(invited.email).expect(201);
    expect((await signUp(active.email).expect(409)).body.code).toBe('email_taken');
  });
});
