import { readFileSync } from 'node:fs';
import { bearer, someIp, startNginx, type TestNginx, uniqueEmail } from '@app/testing';
import { TenantFixture } from './tenant-fixture';

describe('emailed links keep their one-time token out of the access log (through nginx)', () => {
  let tenant: TenantFixture;
  let nginx: TestNginx;

  beforeAll(async () => {
    tenant = await TenantFixture.start();
    nginx = await startNginx({ tenant: tenant.url, chat: [tenant.url] });
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), nginx?.stop()]);
  });

  /** What a mail client does with a link: request it, which never sends the fragment. */
  async function openThroughNginx(link: string): Promise<void> {
    const url = new URL(link);
    await fetch(`${nginx.url}${url.pathname}${url.search}${url.hash}`);
  }

  it('puts reset and invitation tokens in the fragment, which never reaches nginx', async () => {
    const admin = await tenant.signup();
    const invitee = uniqueEmail('invitee');
    // The mails are asked for from the service itself: only opening their links is the point here.
    await tenant
      .http()
      .post('/api/tenant/agents/invitations')
      .set(bearer(admin.accessToken))
      .send({ email: invitee, name: 'Ivy' })
      .expect(201);
    await tenant
      .http()
      .post('/api/tenant/auth/password-reset')
      .set('X-Forwarded-For', someIp())
      .send({ email: admin.user.email })
      .expect(202);

    for (const [email, kind] of [
      [invitee, 'agent-invite'],
      [admin.user.email, 'password-reset'],
    ] as const) {
      const link = await tenant.emailedLink(email, kind);
      const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
      expect(token).toEqual(expect.any(String));
      expect(new URL(link).search).toBe('');
      await openThroughNginx(link);
      const [, secret] = token!.split('.');
      expect(readFileSync(nginx.accessLog, 'utf8')).not.toContain(secret);
    }
    expect(readFileSync(nginx.accessLog, 'utf8')).toContain('/app/reset-password');
  });
});
