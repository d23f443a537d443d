import { bearer, someIp, uniqueEmail } from '@app/testing';
import { TenantFixture } from './tenant-fixture';

describe('accounts cannot be pre-hijacked, squatted or discovered', () => {
  let tenant: TenantFixture;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
  });

  afterAll(async () => {
    await tenant?.close();
  });

  const post = (path: string, body: object, ip = someIp()) =>
    tenant.http().post(`/api/tenant${path}`).set('X-Forwarded-For', ip).send(body);
  const signUp = (email: string, password: string, tenantName = 'Workspace') =>
    post('/auth/signup', { tenantName, name: 'Someone', email, password });
  const login = (email: string, password: string) => post('/auth/login', { email, password });

  describe('email verification', () => {
    it('starts no session until the emailed link is followed, and says so at sign-in', async () => {
      const email = uniqueEmail('owner');
      const started = await signUp(email, 'owner password 1').expect(201);
      expect(started.body).toMatchObject({ verification: 'email_sent', user: { email } });
      expect(started.body.accessToken).toBeUndefined();

      const early = await login(email, 'owner password 1').expect(403);
      expect(early.body.code).toBe('email_not_verified');
      expect((await login(email, 'wrong password 1').expect(401)).body.code).toBe(
        'invalid_credentials',
      );

      const verified = await tenant.verifyEmail(email);
      expect(verified.user).toMatchObject({ email, roles: ['Admin'] });
      await login(email, 'owner password 1').expect(200);
    });

    it('uses a verification link once', async () => {
      const email = uniqueEmail('once');
      await signUp(email, 'owner password 1').expect(201);
      const token = await tenant.emailedToken(email, 'email-verification');
      await post('/auth/verify-email', { token }).expect(200);
      expect((await post('/auth/verify-email', { token }).expect(400)).body.code).toBe(
        'invalid_token',
      );
    });

    it('sends a new link on request, answering alike for any address, within a limit', async () => {
      const email = uniqueEmail('resend');
      await signUp(email, 'owner password 1').expect(201);
      const first = await tenant.emailedToken(email, 'email-verification');
      const known = await post('/auth/verify-email/resend', { email }).expect(202);
      const unknown = await post('/auth/verify-email/resend', {
        email: uniqueEmail('nobody'),
      }).expect(202);
      expect(unknown.body).toEqual(known.body);

      const second = await tenant.emailedToken(email, 'email-verification', 2);
      expect(second).not.toBe(first);
      await post('/auth/verify-email', { token: second }).expect(200);

      await post('/auth/verify-email/resend', { email }).expect(202);
      await post('/auth/verify-email/resend', { email }).expect(202);
      const limited = await post('/auth/verify-email/resend', { email }).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('pre-hijacking', () => {
    it('lets the owner sign up after an attacker signed up with their address; the attacker gets nothing', async () => {
      const victim = uniqueEmail('victim');
      await signUp(victim, 'attacker password 1', 'Attacker Ltd').expect(201);
      const attackerLink = await tenant.emailedToken(victim, 'email-verification');

      await signUp(victim, 'victim password 1', 'Victim Co').expect(201);
      const owned = await tenant.verifyEmail(victim, 2);
      expect(owned.tenant.name).toBe('Victim Co');

      const late = await post('/auth/verify-email', { token: attackerLink }).expect(409);
      expect(late.body.code).toBe('email_taken');
      await login(victim, 'attacker password 1').expect(401);
      const signedIn = await login(victim, 'victim password 1').expect(200);
      expect(signedIn.body.tenant.name).toBe('Victim Co');
    });
  });

  describe('invitations', () => {
    it('reserve nothing: the invited address signs up on its own, and the invitation is void', async () => {
      const squatter = await tenant.signup('Squatter Inc');
      const owner = uniqueEmail('owner');
      await tenant
        .http()
        .post('/api/tenant/agents/invitations')
        .set(bearer(squatter.accessToken))
        .send({ email: owner, name: 'Owner' })
        .expect(201);
      const invitation = await tenant.emailedToken(owner, 'agent-invite');

      await signUp(owner, 'owner password 1', 'Owner Co').expect(201);
      expect((await tenant.verifyEmail(owner)).tenant.name).toBe('Owner Co');

      const accept = await post('/auth/invitations/accept', {
        token: invitation,
        password: 'squatter password 1',
      }).expect(409);
      expect(accept.body.code).toBe('email_taken');
      expect((await login(owner, 'owner password 1').expect(200)).body.tenant.name).toBe(
        'Owner Co',
      );
    });

    it('answer alike whether or not the address has an account in another workspace', async () => {
      const prober = await tenant.signup('Prober');
      const elsewhere = await tenant.signup('Elsewhere');
      const invite = (email: string) =>
        tenant
          .http()
          .post('/api/tenant/agents/invitations')
          .set(bearer(prober.accessToken))
          .send({ email, name: 'Probe' });

      const existing = await invite(elsewhere.user.email);
      const unknown = await invite(uniqueEmail('unknown'));

      expect(existing.status).toBe(201);
      expect(unknown.status).toBe(201);
      const shape = (body: Record<string, unknown>) => ({
        ...body,
        id: 'id',
        email: 'email',
        createdAt: 'createdAt',
      });
      expect(shape(existing.body)).toEqual(shape(unknown.body));
    });

    it('are limited per workspace: 429 with Retry-After', async () => {
      const admin = await tenant.signup('Bulk inviter');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 51; attempt += 1) {
        const response = await tenant
          .http()
          .post('/api/tenant/agents/invitations')
          .set(bearer(admin.accessToken))
          .send({ email: uniqueEmail('bulk'), name: 'Bulk' });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(statuses.slice(0, 50).every((status) => status === 201)).toBe(true);
      expect(statuses[50]).toBe(429);
    });
  });
});
