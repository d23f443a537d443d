import { apiTokenKeys, sha256 } from '@app/auth';
import { redisFragment } from '@app/config';
import { bearer, eventually, startTestService, type TestService, uniqueSuffix } from '@app/testing';
import Redis from 'ioredis';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type TenantConfig } from '../src/tenant.config';
import { tenantService } from '../src/tenant.service-definition';
import { type SignedUp, TenantFixture } from './tenant-fixture';

const { REDIS_URL } = z.object(redisFragment()).parse(process.env);

/** One signing key for the service and the replica a test starts beside it, as a deployment has. */
function signingKeyFile(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const file = join(mkdtempSync(join(tmpdir(), 'parley-api-tokens-')), 'jwt.pem');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return file;
}
const JWT_PRIVATE_KEY_FILE = signingKeyFile();

describe('tenant service: API tokens', () => {
  let tenant: TenantFixture;
  let admin: SignedUp;
  let other: SignedUp;
  const redis = new Redis(REDIS_URL);
  /** Everything the service logs, at its most talkative: pino writes to a stdout it finds replaced. */
  const logs: string[] = [];
  let stdout: jest.SpyInstance;

  beforeAll(async () => {
    stdout = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => {
        logs.push(chunk.toString());
        return true;
      });
    tenant = await TenantFixture.start({ LOG_LEVEL: 'debug', JWT_PRIVATE_KEY_FILE });
    [admin, other] = await Promise.all([tenant.signup(), tenant.signup()]);
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), redis.quit()]);
    stdout.mockRestore();
  });

  const as = (user: { accessToken: string } | string) => {
    const auth = bearer(typeof user === 'string' ? user : user.accessToken);
    return {
      get: (path: string) => tenant.http().get(`/api/tenant${path}`).set(auth),
      post: (path: string, body?: object) =>
        tenant.http().post(`/api/tenant${path}`).set(auth).send(body),
      delete: (path: string) => tenant.http().delete(`/api/tenant${path}`).set(auth),
    };
  };

  const createToken = async (
    owner: { accessToken: string },
    body: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string }> =>
    (
      await as(owner)
        .post('/api-tokens', {
          name: `Backend ${uniqueSuffix()}`,
          permissions: ['labels:manage'],
          ...body,
        })
        .expect(201)
    ).body;

  it('shows a new token once, lists it without the token, and stores only its hash', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await as(admin)
      .post('/api-tokens', {
        name: 'CRM sync',
        permissions: ['labels:manage', 'chats:join', 'chats:join'],
        expiresAt,
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'CRM sync',
      token: expect.stringMatching(/^prl_[A-Za-z0-9_-]{43}$/),
      tokenPrefix: created.body.token.slice(0, 12),
      permissions: ['chats:join', 'labels:manage'],
      createdAt: expect.any(String),
      expiresAt,
      lastUsedAt: null,
    });
    const { token, id } = created.body;

    const listed = await as(admin).get('/api-tokens').expect(200);
    expect(listed.body.apiTokens).toEqual([
      {
        id,
        name: 'CRM sync',
        tokenPrefix: created.body.tokenPrefix,
        permissions: ['chats:join', 'labels:manage'],
        createdAt: created.body.createdAt,
        expiresAt,
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(12));
    expect(JSON.stringify(listed.body)).not.toContain(sha256(token));

    const stored = await tenant.service.db.collection('api_tokens').find().toArray();
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));
    expect(stored.find((row) => row._id === (id as unknown))?.tokenHash).toBe(sha256(token));
  });

  it('admits the token with the permissions it was given, and logs each use', async () => {
    const { id, token } = await createToken(admin, { name: 'Labeller' });
    await as(token)
      .post('/labels', { name: `L ${uniqueSuffix()}`, color: '#112233' })
      .expect(201);
    const refused = await as(token).get('/agents').expect(403);
    expect(refused.body.message).toContain('agents:manage');

    const usage = await eventually(async () => {
      const answer = await as(admin).get(`/api-tokens/${id}/usage`).expect(200);
      expect(answer.body.uses).toHaveLength(2);
      return answer.body.uses;
    });
    expect(usage).toEqual([
      {
        at: expect.any(String),
        service: 'tenant',
        method: 'GET',
        path: '/api/tenant/agents',
        status: 403,
        ip: expect.any(String),
      },
      {
        at: expect.any(String),
        service: 'tenant',
        method: 'POST',
        path: '/api/tenant/labels',
        status: 201,
        ip: expect.any(String),
      },
    ]);
    const listed = await as(admin).get('/api-tokens').expect(200);
    const entry = listed.body.apiTokens.find((candidate: { id: string }) => candidate.id === id);
    expect(entry.lastUsedAt).toBe(usage[0].at);
  });

  it('refuses a made-up token, a revoked one at once, and an expired one', async () => {
    await as(`prl_${'A'.repeat(43)}`)
      .get('/labels')
      .expect(401);

    const { id, token } = await createToken(admin);
    await as(token).get('/labels').expect(200);
    await as(admin).delete(`/api-tokens/${id}`).expect(204);
    const revoked = await as(token).get('/labels').expect(401);
    expect(revoked.body.code).toBe('invalid_api_token');
    // Revoking again changes nothing; the token is gone from the list, its name free again.
    await as(admin).delete(`/api-tokens/${id}`).expect(204);
    const listed = await as(admin).get('/api-tokens').expect(200);
    expect(listed.body.apiTokens.map((entry: { id: string }) => entry.id)).not.toContain(id);

    const soon = await createToken(admin, {
      expiresAt: new Date(Date.now() + 4000).toISOString(),
    });
    await as(soon.token).get('/labels').expect(200);
    const expired = await eventually(async () => as(soon.token).get('/labels').expect(401));
    expect(expired.body.code).toBe('invalid_api_token');
  });

  it('lets a caller grant only permissions it holds, and only holders of api-tokens:manage manage tokens', async () => {
    const { signedIn: agent } = await tenant.inviteAgent(admin);
    const denied = await as(agent)
      .post('/api-tokens', { name: 'x', permissions: ['chats:join'] })
      .expect(403);
    expect(denied.body.message).toContain('api-tokens:manage');
    await as(agent).get('/api-tokens').expect(403);

    const role = await as(admin)
      .post('/roles', { name: `Integrator ${uniqueSuffix()}`, permissions: ['api-tokens:manage'] })
      .expect(201);
    const { signedIn: integrator } = await tenant.inviteAgent(admin, { roleIds: [role.body.id] });
    const beyond = await as(integrator)
      .post('/api-tokens', { name: 'x', permissions: ['api-tokens:manage', 'agents:manage'] })
      .expect(403);
    expect(beyond.body).toMatchObject({ code: 'grant_exceeds_own' });
    expect(beyond.body.message).toContain('agents:manage');
    expect(beyond.body.message).not.toContain('api-tokens:manage');
  });

  it('names the field of bad input', async () => {
    const refusals = [
      [{ permissions: ['chats:join'] }, 'name'],
      [{ name: ' ', permissions: ['chats:join'] }, 'name'],
      [{ name: 'x', permissions: [] }, 'permissions'],
      [{ name: 'x', permissions: ['platform:operate'] }, 'permissions.0'],
      [{ name: 'x', permissions: ['chats:join'], expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'x', permissions: ['chats:join'], expiresAt: 'tomorrow' }, 'expiresAt'],
    ] as const;
    for (const [body, field] of refusals) {
      const refused = await as(admin).post('/api-tokens', body).expect(400);
      const fields = new Set(refused.body.errors.map((error: { field: string }) => error.field));
      expect({ body, fields: [...fields] }).toEqual({ body, fields: [field] });
    }
  });

  it('refuses a second live token of the same name, and a 51st live token', async () => {
    const owner = await tenant.signup();
    await createToken(owner, { name: 'Nightly export' });
    const taken = await as(owner)
      .post('/api-tokens', { name: 'nightly EXPORT', permissions: ['chats:join'] })
      .expect(409);
    expect(taken.body.code).toBe('name_taken');

    // Up to the limit a few at a time: 49 creations one by one outlast the test on a busy machine.
    for (let first = 1; first < 50; first += 7)
      await Promise.all(
        Array.from({ length: Math.min(7, 50 - first) }, (_, offset) =>
          createToken(owner, { name: `T${first + offset}` }),
        ),
      );
    const tooMany = await as(owner)
      .post('/api-tokens', { name: 'one more', permissions: ['chats:join'] })
      .expect(409);
    expect(tooMany.body.code).toBe('limit_reached');
  });

  it('keeps workspaces apart: another workspace’s token is not found, nor listed', async () => {
    const { id } = await createToken(admin);
    await as(other).delete(`/api-tokens/${id}`).expect(404);
    await as(other).get(`/api-tokens/${id}/usage`).expect(404);
    const listed = await as(other).get('/api-tokens').expect(200);
    expect(listed.body.apiTokens).toEqual([]);
  });

  it('refuses an API token on the routes that act for a person, and on token management', async () => {
    const { token } = await createToken(admin, {
      permissions: ['api-tokens:manage', 'chats:join'],
    });
    for (const call of [
      as(token).get('/me'),
      as(token).post('/auth/logout-everywhere'),
      as(token).get('/api-tokens'),
      as(token).post('/api-tokens', { name: 'child', permissions: ['chats:join'] }),
      as(token).get('/canned-replies'),
    ]) {
      const refused = await call.expect(403);
      expect(refused.body.code).toBe('api_token_not_allowed');
    }
  });

  it('rewrites every live token into Redis when a replica starts, so a flushed Redis heals', async () => {
    const { token } = await createToken(admin);
    await redis.del(apiTokenKeys.grant(sha256(token)));
    await as(token).get('/labels').expect(401);

    let replica: TestService<TenantConfig> | undefined;
    try {
      replica = await startTestService(tenantService, {
        BCRYPT_COST: '4',
        MONGO_DB: tenant.service.config.MONGO_DB,
        JWT_PRIVATE_KEY_FILE,
      });
      await as(token).get('/labels').expect(200);
    } finally {
      await replica?.close({ keepDatabase: true });
    }
  });

  it('never writes a token to the logs, used, refused or revoked', async () => {
    const { id, token } = await createToken(admin, { name: 'Logged calls' });
    await as(token).get('/labels').expect(200);
    await as(token).get('/agents').expect(403);
    await as(admin).delete(`/api-tokens/${id}`).expect(204);
    await as(token).get('/labels').expect(401);

    const written = logs.join('');
    expect(written).toContain('/api/tenant/labels');
    expect(written).not.toContain(token.slice(4));
  });
});
