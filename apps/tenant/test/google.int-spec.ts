import { UserUpdatedV1 } from '@app/contracts';
import {
  bearer,
  type DevOidcProvider,
  freePort,
  someIp,
  startDevOidcProvider,
  TopicProbe,
  uniqueEmail,
} from '@app/testing';
import { parse } from 'cookie';
import { type SignedUp, TenantFixture } from './tenant-fixture';

/**
 * What a browser does across the redirects: keeps each site's cookies and follows `Location`
 * until it lands on the dashboard (`/app/...`), which this test reads instead of rendering.
 */
async function browse(startUrl: string): Promise<URL> {
  const jar = new Map<string, Map<string, string>>();
  let url = new URL(startUrl);
  for (let hop = 0; hop < 15; hop += 1) {
    if (url.pathname.startsWith('/app/')) return url;
    const cookies = jar.get(url.origin) ?? new Map<string, string>();
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, value] = Object.entries(parse(pair))[0];
      if (value) cookies.set(name, value);
      else cookies.delete(name);
    }
    jar.set(url.origin, cookies);
    const location = response.headers.get('location');
    if (!location)
      throw new Error(
        `stopped at ${url} with ${response.status}: ${(await response.text()).slice(0, 200)}`,
      );
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

describe('sign-in with Google (OpenID Connect, against a local provider)', () => {
  let tenant: TenantFixture;
  let provider: DevOidcProvider;
  let probe: TopicProbe;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startDevOidcProvider([`${base}/api/tenant/auth/google/callback`]);
    tenant = await TenantFixture.start({
      PORT: String(port),
      PUBLIC_URL: base,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
    });
    probe = await TopicProbe.start([UserUpdatedV1.topic]);
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), provider?.stop(), probe?.stop()]);
  });

  const googleSignIn = (email: string, query = '') =>
    browse(`${base}/api/tenant/auth/google?login_hint=${encodeURIComponent(email)}${query}`);

  const exchange = (landing: URL) =>
    tenant
      .http()
      .post('/api/tenant/auth/google/exchange')
      .send({ code: landing.searchParams.get('code') });

  it('signs up a new tenant from a Google account when asked to', async () => {
    const email = uniqueEmail('google');
    const landing = await googleSignIn(email, '&mode=signup&tenantName=Googly%20Inc');

    expect(landing.pathname).toBe('/app/auth/google');
    expect(landing.searchParams.get('error')).toBeNull();
    const signedIn = await exchange(landing).expect(200);
    expect(signedIn.body).toMatchObject({
      user: { email, roles: ['Admin'] },
      tenant: { name: 'Googly Inc' },
    });
    await tenant.http().get('/api/tenant/me').set(bearer(signedIn.body.accessToken)).expect(200);
  });

  it('refuses an unknown Google account that did not ask to sign up', async () => {
    const landing = await googleSignIn(uniqueEmail('stranger'));
    expect(landing.searchParams.get('error')).toBe('no_account');
    expect(landing.searchParams.get('code')).toBeNull();
  });

  it('signs in an invited agent whose email matches, activating the invitation', async () => {
    const admin: SignedUp = await tenant.signup();
    const email = uniqueEmail('agent');
    const invited = await tenant
      .http()
      .post('/api/tenant/agents/invitations')
      .set(bearer(admin.accessToken))
      .send({ email, name: 'Gina Google' })
      .expect(201);

    const signedIn = await exchange(await googleSignIn(email)).expect(200);

    expect(signedIn.body.user).toMatchObject({ id: invited.body.id, roles: ['Agent'] });
    const agent = await tenant
      .http()
      .get(`/api/tenant/agents/${invited.body.id}`)
      .set(bearer(admin.accessToken));
    expect(agent.body.status).toBe('active');
    await probe.waitFor(
      (message) =>
        message.value.includes(invited.body.id) &&
        JSON.parse(message.value).payload.status === 'active',
    );
  });

  it('signs in an existing password account with Google too', async () => {
    const admin = await tenant.signup();
    const signedIn = await exchange(await googleSignIn(admin.user.email)).expect(200);
    expect(signedIn.body.user.id).toBe(admin.user.id);
  });

  it('refuses a deactivated agent', async () => {
    const admin = await tenant.signup();
    const email = uniqueEmail('agent');
    const invited = await tenant
      .http()
      .post('/api/tenant/agents/invitations')
      .set(bearer(admin.accessToken))
      .send({ email, name: 'Dee' })
      .expect(201);
    await exchange(await googleSignIn(email)).expect(200);
    await tenant
      .http()
      .patch(`/api/tenant/agents/${invited.body.id}`)
      .set(bearer(admin.accessToken))
      .send({ status: 'deactivated' })
      .expect(200);
    expect((await googleSignIn(email)).searchParams.get('error')).toBe('deactivated');
  });

  it('uses each sign-in code once', async () => {
    const admin = await tenant.signup();
    const landing = await googleSignIn(admin.user.email);
    await exchange(landing).expect(200);
    const again = await exchange(landing).expect(400);
    expect(again.body.code).toBe('invalid_code');
  });

  it('refuses a callback without the browser cookie that started the flow (login CSRF)', async () => {
    const response = await fetch(
      `${base}/api/tenant/auth/google/callback?code=stolen&state=forged`,
      { redirect: 'manual' },
    );
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('expired');
  });

  it('answers 404 when Google sign-in is not configured', async () => {
    const plain = await TenantFixture.start();
    try {
      const response = await plain
        .http()
        .get('/api/tenant/auth/google')
        .set('X-Forwarded-For', someIp())
        .expect(404);
      expect(response.body.code).toBe('google_sign_in_disabled');
    } finally {
      await plain.close();
    }
  });
});
