import { NotificationRequestedV1, TenantCreatedV1, UserUpdatedV1 } from '@app/contracts';
import { bearer, someIp, TopicProbe, uniqueEmail } from '@app/testing';
import { createPublicKey } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { SIGNING_KEY, type SigningKey } from '../src/tokens/signing-key.provider';
import { type SignedUp, TenantFixture } from './tenant-fixture';

describe('tenant service: sign-up, sign-in and sessions', () => {
  let tenant: TenantFixture;
  let probe: TopicProbe;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    probe = await TopicProbe.start([
      TenantCreatedV1.topic,
      UserUpdatedV1.topic,
      NotificationRequestedV1.topic,
    ]);
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), probe?.stop()]);
  });

  const login = (email: string, password: string, ip = someIp()) =>
    tenant
      .http()
      .post('/api/tenant/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email, password });
  const refresh = (refreshToken: string) =>
    tenant
      .http()
      .post('/api/tenant/auth/refresh')
      .set('X-Forwarded-For', someIp())
      .send({ refreshToken });
  const me = (accessToken: string) => tenant.http().get('/api/tenant/me').set(bearer(accessToken));

  describe('sign-up', () => {
    it('creates the tenant and its admin with every permission, signed in', async () => {
      const signedUp = await tenant.signup('Acme Bikes');

      expect(signedUp).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: { id: expect.any(String), name: 'Ada Admin', roles: ['Admin'] },
        tenant: { id: expect.any(String), name: 'Acme Bikes' },
      });
      const profile = await me(signedUp.accessToken).expect(200);
      expect(profile.body.user.permissions).toEqual(
        expect.arrayContaining([
          'agents:manage',
          'roles:manage',
          'chatbots:manage',
          'chats:join',
          'analytics:view',
        ]),
      );
    });

    it('announces the tenant and its admin on Kafka', async () => {
      const signedUp = await tenant.signup();

      const created = await probe.waitFor(
        (message) => message.topic === TenantCreatedV1.topic && message.key === signedUp.tenant.id,
      );
      expect(JSON.parse(created.value).payload.name).toBe(signedUp.tenant.name);
      const admin = await probe.waitFor(
        (message) =>
          message.topic === UserUpdatedV1.topic &&
          message.value.includes(signedUp.user.id) &&
          JSON.parse(message.value).payload.status === 'active',
      );
      expect(JSON.parse(admin.value).payload).toMatchObject({ roles: ['Admin'] });
    });

    it('refuses an email that already has an account with 409', async () => {
      const first = await tenant.signup();
      const response = await tenant
        .http()
        .post('/api/tenant/auth/signup')
        .set('X-Forwarded-For', someIp())
        .send({
          tenantName: 'Again',
          name: 'B',
          email: first.user.email.toUpperCase(),
          password: 'another pass 1',
        })
        .expect(409);
      expect(response.body.code).toBe('email_taken');
    });

    it.each([
      [{ name: 'A', email: 'a@example.test', password: 'long enough 1' }, 'tenantName'],
      [{ tenantName: 'T', name: 'A', email: 'not-an-email', password: 'long enough 1' }, 'email'],
      [{ tenantName: 'T', name: 'A', email: 'a@example.test', password: 'short1' }, 'password'],
      [
        { tenantName: 'T', name: 'A', email: 'a@example.test', password: 'onlyletterslong' },
        'password',
      ],
      [
        { tenantName: 'T', name: 'A', email: 'a@example.test', password: 'x1'.repeat(40) },
        'password',
      ],
      [
        { tenantName: 42, name: 'A', email: 'a@example.test', password: 'long enough 1' },
        'tenantName',
      ],
      [
        {
          tenantName: 'T',
          name: 'A',
          email: 'a@example.test',
          password: 'long enough 1',
          role: 'x',
        },
        'role',
      ],
    ])('answers 400 naming the bad field of %j', async (body, field) => {
      const response = await tenant
        .http()
        .post('/api/tenant/auth/signup')
        .set('X-Forwarded-For', someIp())
        .send(body)
        .expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    });

    it('refuses a body over the size limit with 413 and writes nothing', async () => {
      const users = tenant.service.db.collection('users');
      const before = await users.countDocuments();
      await tenant
        .http()
        .post('/api/tenant/auth/signup')
        .set('X-Forwarded-For', someIp())
        .send({
          tenantName: 'x'.repeat(200_000),
          name: 'A',
          email: uniqueEmail(),
          password: 'long enough 1',
        })
        .expect(413);
      expect(await users.countDocuments()).toBe(before);
    });

    it('refuses malformed JSON with 400', async () => {
      const response = await tenant
        .http()
        .post('/api/tenant/auth/signup')
        .set('Content-Type', 'application/json')
        .send('{"tenantName": ')
        .expect(400);
      expect(response.body.code).toBe('invalid_json');
    });
  });

  describe('sign-in with a password', () => {
    let account: SignedUp;
    beforeAll(async () => {
      account = await tenant.signup();
    });

    it('answers 200 with the sign-up shape', async () => {
      const response = await login(account.user.email, account.password).expect(200);
      expect(response.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        user: { id: account.user.id, email: account.user.email },
        tenant: account.tenant,
      });
    });

    it('answers 401 to a wrong password and to an unknown email alike', async () => {
      const wrong = await login(account.user.email, 'wrong password 1').expect(401);
      const unknown = await login(uniqueEmail('nobody'), 'wrong password 1').expect(401);
      expect(wrong.body.code).toBe('invalid_credentials');
      expect(unknown.body).toEqual({ ...wrong.body });
    });

    it('refuses an operator where a string belongs (NoSQL injection) with 400', async () => {
      const response = await tenant
        .http()
        .post('/api/tenant/auth/login')
        .send({ email: { $gt: '' }, password: { $gt: '' } })
        .expect(400);
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'email',
        'password',
      ]);
    });

    it('records the address the user signed in from', async () => {
      await login(account.user.email, account.password, '10.20.30.40').expect(200);
      const agent = await tenant
        .http()
        .get(`/api/tenant/agents/${account.user.id}`)
        .set(bearer(account.accessToken));
      expect(agent.body.ipAddresses).toContain('10.20.30.40');
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token on every use', async () => {
      const account = await tenant.signup();
      const first = await refresh(account.refreshToken).expect(200);
      expect(first.body.refreshToken).not.toBe(account.refreshToken);
      await me(first.body.accessToken).expect(200);
      const second = await refresh(first.body.refreshToken).expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('revokes the whole session when a spent refresh token comes back', async () => {
      const account = await tenant.signup();
      const rotated = await refresh(account.refreshToken).expect(200);

      const replay = await refresh(account.refreshToken).expect(401);
      expect(replay.body.code).toBe('refresh_token_reused');
      // The legitimate newer token died with its family.
      await refresh(rotated.body.refreshToken).expect(401);
    });

    it('lets only one of several concurrent refreshes with one token through', async () => {
      const account = await tenant.signup();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => refresh(account.refreshToken)),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, ...Array(19).fill(401)]);
      // The losers were a reuse: the winner's session is revoked with its family.
      const winner = answers.find((answer) => answer.status === 200)!;
      await refresh(winner.body.refreshToken).expect(401);
    });

    it('refuses a forged or garbled refresh token with 401', async () => {
      const account = await tenant.signup();
      const [id] = account.refreshToken.split('.');
      await refresh(`${id}.forged-secret-value`).expect(401);
      await refresh('not-a-token-at-all').expect(401);
      // The real one still works: a forgery does not revoke the session.
      await refresh(account.refreshToken).expect(200);
    });

    it('logs out one session', async () => {
      const account = await tenant.signup();
      const other = await login(account.user.email, account.password).expect(200);
      await tenant
        .http()
        .post('/api/tenant/auth/logout')
        .send({ refreshToken: account.refreshToken })
        .expect(204);
      await refresh(account.refreshToken).expect(401);
      await refresh(other.body.refreshToken).expect(200);
    });

    it('logs out everywhere: every refresh token and every access token already issued', async () => {
      const account = await tenant.signup();
      const other = await login(account.user.email, account.password).expect(200);
      // No wait: access tokens carry their issue time in milliseconds (`iatMs`), so even tokens
      // issued in the same second as the sign-out are cut off.
      await tenant
        .http()
        .post('/api/tenant/auth/logout-everywhere')
        .set(bearer(account.accessToken))
        .expect(204);

      await me(account.accessToken).expect(401);
      await me(other.body.accessToken).expect(401);
      await refresh(other.body.refreshToken).expect(401);
      const again = await login(account.user.email, account.password).expect(200);
      await me(again.body.accessToken).expect(200);
    });
  });

  describe('access tokens', () => {
    let account: SignedUp;
    let key: SigningKey;
    beforeAll(async () => {
      account = await tenant.signup();
      key = tenant.service.app.get(SIGNING_KEY);
    });

    it('are ES256, verifiable with the published JWKS, with issuer and audience', async () => {
      const jwks = await tenant.http().get('/api/tenant/.well-known/jwks.json').expect(200);
      expect(jwks.body.keys).toHaveLength(1);
      const [jwk] = jwks.body.keys;
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(jwk.d).toBeUndefined();

      const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
      const claims = verify(account.accessToken, publicKey, {
        algorithms: ['ES256'],
        issuer: 'parley',
        audience: 'parley-api',
      }) as Record<string, unknown>;
      expect(claims).toMatchObject({ sub: account.user.id, tid: account.tenant.id });
    });

    it('are required: none, a garbled one, or another scheme answers 401', async () => {
      await tenant.http().get('/api/tenant/me').expect(401);
      await tenant.http().get('/api/tenant/me').set('Authorization', 'Bearer garbage').expect(401);
      await tenant
        .http()
        .get('/api/tenant/me')
        .set('Authorization', `Basic ${account.accessToken}`)
        .expect(401);
    });

    it('refuse other algorithms, audiences, issuers and expired tokens', async () => {
      const claims = {
        sub: account.user.id,
        tid: account.tenant.id,
        name: 'x',
        email: 'x',
        roles: [],
        perms: [],
        sid: 's',
      };
      const forged = [
        // HMAC keyed with the public key: the classic algorithm-confusion attack.
        sign(claims, key.publicPem, {
          algorithm: 'HS256',
          issuer: 'parley',
          audience: 'parley-api',
        }),
        sign(claims, '', { algorithm: 'none', issuer: 'parley', audience: 'parley-api' } as never),
        sign(claims, key.privateKey, {
          algorithm: 'ES256',
          issuer: 'parley',
          audience: 'someone-else',
        }),
        sign(claims, key.privateKey, {
          algorithm: 'ES256',
          issuer: 'evil',
          audience: 'parley-api',
        }),
        sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, key.privateKey, {
          algorithm: 'ES256',
          issuer: 'parley',
          audience: 'parley-api',
        }),
      ];
      for (const token of forged) await me(token).expect(401);
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) =>
      tenant
        .http()
        .post('/api/tenant/auth/password-reset')
        .set('X-Forwarded-For', someIp())
        .send({ email });

    async function resetTokenFor(email: string): Promise<string> {
      const message = await probe.waitFor(
        (candidate) =>
          candidate.topic === NotificationRequestedV1.topic &&
          candidate.value.includes('"password-reset"') &&
          candidate.value.includes(email),
      );
      const payload = JSON.parse(message.value).payload;
      expect(payload.to.email).toBe(email);
      expect(message.value).not.toContain('token=');
      return tenant.emailedToken(email, 'password-reset');
    }

    it('answers 202 alike for a known and an unknown email', async () => {
      const account = await tenant.signup();
      const known = await requestReset(account.user.email).expect(202);
      const unknown = await requestReset(uniqueEmail('nobody')).expect(202);
      expect(unknown.body).toEqual(known.body);
    });

    it('sends a sealed single-use link that sets a new password and ends every session', async () => {
      const account = await tenant.signup();
      await requestReset(account.user.email).expect(202);
      const token = await resetTokenFor(account.user.email);

      await tenant
        .http()
        .post('/api/tenant/auth/password-reset/confirm')
        .send({ token, password: 'brand new pass 7' })
        .expect(204);

      await login(account.user.email, account.password).expect(401);
      await login(account.user.email, 'brand new pass 7').expect(200);
      await refresh(account.refreshToken).expect(401);
      const reused = await tenant
        .http()
        .post('/api/tenant/auth/password-reset/confirm')
        .send({ token, password: 'another new pass 8' })
        .expect(400);
      expect(reused.body.code).toBe('invalid_token');
    });

    it('refuses a made-up token and a weak new password with 400', async () => {
      await tenant
        .http()
        .post('/api/tenant/auth/password-reset/confirm')
        .send({ token: 'made-up.token-value', password: 'brand new pass 7' })
        .expect(400);
      const weak = await tenant
        .http()
        .post('/api/tenant/auth/password-reset/confirm')
        .send({ token: 'made-up.token-value', password: 'weak' })
        .expect(400);
      expect(weak.body.errors[0].field).toBe('password');
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After once an address tries too many sign-ins', async () => {
      const ip = someIp();
      const statuses: number[] = [];
      let limited: { headers: Record<string, string>; body: { code: string } } | undefined;
      for (let attempt = 0; attempt < 32; attempt += 1) {
        const response = await login(uniqueEmail('guess'), 'wrong password 1', ip);
        statuses.push(response.status);
        if (response.status === 429) limited = response;
      }
      expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited!.body.code).toBe('too_many_requests');
    });

    it('backs off an address that keeps guessing an account’s password, even with the right one', async () => {
      const account = await tenant.signup();
      const guesser = someIp();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await login(account.user.email, 'wrong password 1', guesser).expect(401);
      }
      const refused = await login(account.user.email, account.password, guesser).expect(429);
      expect(refused.body.code).toBe('too_many_requests');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('lets the owner sign in while someone elsewhere guesses their password (no lockout)', async () => {
      const account = await tenant.signup();
      const guesser = someIp();
      for (let attempt = 0; attempt < 12; attempt += 1) {
        const response = await login(
          account.user.email,
          'wrong password 1',
          attempt % 2 ? guesser : someIp(),
        );
        expect([401, 429]).toContain(response.status);
      }
      const owner = await login(account.user.email, account.password, someIp()).expect(200);
      expect(owner.body.user.id).toBe(account.user.id);
    });

    it('limits password-reset requests per account, from any address', async () => {
      const email = uniqueEmail('target');
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await tenant
          .http()
          .post('/api/tenant/auth/password-reset')
          .set('X-Forwarded-For', someIp())
          .send({ email })
          .expect(202);
      }
      const limited = await tenant
        .http()
        .post('/api/tenant/auth/password-reset')
        .set('X-Forwarded-For', someIp())
        .send({ email })
        .expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('limits sign-ups per address', async () => {
      const ip = someIp();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt += 1) {
        const response = await tenant
          .http()
          .post('/api/tenant/auth/signup')
          .set('X-Forwarded-For', ip)
          .send({
            tenantName: 'Spam',
            name: 'S',
            email: uniqueEmail('spam'),
            password: 'long enough 1',
          });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
      expect(statuses[10]).toBe(429);
    });
  });
});
