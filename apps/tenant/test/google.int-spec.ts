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

type CookieJar = Map<string, Map<string, string>>;

/** A browser's landing on the dashboard (`/app/...`): its address and the cookies it holds. */
interface Landing {
  url: URL;
  /** What the code or link code rides in: the fragment, which no server sees. */
  fragment: URLSearchParams;
  jar: CookieJar;
}

function keepCookies(jar: CookieJar, origin: string, headers: Headers): void {
  const cookies = jar.get(origin) ?? new Map<string, string>();
  for (const header of headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, value] = Object.entries(parse(pair))[0];
    if (value) cookies.set(name, value);
    else cookies.delete(name);
  }
  jar.set(origin, cookies);
}

const cookieHeader = (jar: CookieJar, origin: string) =>
  [...(jar.get(origin) ?? new Map<string, string>())]
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');

/**
 * What a browser does across the redirects: keeps each site's cookies and follows `Location`
 * until it lands on the dashboard (`/app/...`), which this test reads instead of rendering.
 */
async function browse(startUrl: string, jar: CookieJar = new Map()): Promise<Landing> {
  let url = new URL(startUrl);
  for (let hop = 0; hop < 15; hop += 1) {
    if (url.pathname.startsWith('/app/')) {
      return { url, fragment: new URLSearchParams(url.hash.slice(1)), jar };
    }
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar, url.origin) },
    });
    keepCookies(jar, url.origin, response.headers);
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

  /** The dashboard's call with the cookies of the browser that landed (or of another one). */
  const call = (path: string, landing: Landing, body: object) =>
    tenant
      .http()
      .post(`/api/tenant/auth/google/${path}`)
      .set('Cookie', cookieHeader(landing.jar, base))
      .set('X-Forwarded-For', someIp())
      .send(body);
  const exchange = (landing: Landing, inBrowser: Landing = landing) =>
    call('exchange', inBrowser, { code: landing.fragment.get('code') });

  /** The invitation page's start: the invitation travels in a body, never in a URL. */
  async function googleWithInvitation(email: string, invitationToken: string): Promise<Landing> {
    const started = await fetch(`${base}/api/tenant/auth/google/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login_hint: email, invitationToken }),
    });
    expect(started.status).toBe(200);
    const jar: CookieJar = new Map();
    keepCookies(jar, base, started.headers);
    return browse(((await started.json()) as { url: string }).url, jar);
  }

  async function invite(admin: SignedUp, email: string, name = 'Gina Google') {
    const invited = await tenant
      .http()
      .post('/api/tenant/agents/invitations')
      .set(bearer(admin.accessToken))
      .send({ email, name })
      .expect(201);
    return {
      id: invited.body.id as string,
      token: await tenant.emailedToken(email, 'agent-invite'),
    };
  }

  it('signs up a new tenant from a Google account when asked to, the code in the fragment', async () => {
    const email = uniqueEmail('google');
    const landing = await googleSignIn(email, '&mode=signup&tenantName=Googly%20Inc');

    expect(landing.url.pathname).toBe('/app/auth/google');
    expect(landing.url.search).toBe('');
    const signedIn = await exchange(landing).expect(200);
    expect(signedIn.body).toMatchObject({
      user: { email, roles: ['Admin'] },
      tenant: { name: 'Googly Inc' },
    });
    await tenant.http().get('/api/tenant/me').set(bearer(signedIn.body.accessToken)).expect(200);
  });

  it('refuses an unknown Google account that did not ask to sign up', async () => {
    const landing = await googleSignIn(uniqueEmail('stranger'));
    expect(landing.url.searchParams.get('error')).toBe('no_account');
    expect(landing.fragment.get('code')).toBeNull();
  });

  it('signs in an invited agent only with the invitation, activating it', async () => {
    const admin: SignedUp = await tenant.signup();
    const email = uniqueEmail('agent');
    const invited = await invite(admin, email);

    const withoutInvitation = await googleSignIn(email);
    expect(withoutInvitation.url.searchParams.get('error')).toBe('no_account');

    const signedIn = await exchange(await googleWithInvitation(email, invited.token)).expect(200);
    expect(signedIn.body.user).toMatchObject({ id: invited.id, roles: ['Agent'] });
    const agent = await tenant
      .http()
      .get(`/api/tenant/agents/${invited.id}`)
      .set(bearer(admin.accessToken));
    expect(agent.body.status).toBe('active');
    await probe.waitFor(
      (message) =>
        message.value.includes(invited.id) && JSON.parse(message.value).payload.status === 'active',
    );
    // From now on the Google account is the agent's: no invitation needed.
    await exchange(await googleSignIn(email)).expect(200);
  });

  it('refuses an invitation with another Google account, and keeps the invitation usable', async () => {
    const admin = await tenant.signup();
    const email = uniqueEmail('invited');
    const invited = await invite(admin, email);

    const wrong = await googleWithInvitation(uniqueEmail('other'), invited.token);
    expect(wrong.url.searchParams.get('error')).toBe('invitation_mismatch');

    await exchange(await googleWithInvitation(email, invited.token)).expect(200);
  });

  it('links Google to a password account only with its password (no silent linking)', async () => {
    const account = await tenant.signup();

    const landing = await googleSignIn(account.user.email);
    expect(landing.fragment.get('code')).toBeNull();
    const link = landing.fragment.get('link')!;
    expect(link).toEqual(expect.any(String));

    const wrong = await call('link', landing, { code: link, password: 'not the password 1' });
    expect(wrong.status).toBe(401);
    const linked = await call('link', landing, { code: link, password: account.password });
    expect(linked.status).toBe(200);
    expect(linked.body.user.id).toBe(account.user.id);
    await call('link', landing, { code: link, password: account.password }).expect(400);

    const next = await googleSignIn(account.user.email);
    expect((await exchange(next).expect(200)).body.user.id).toBe(account.user.id);
  });

  it('refuses a deactivated agent', async () => {
    const admin = await tenant.signup();
    const email = uniqueEmail('agent');
    const invited = await invite(admin, email, 'Dee');
    await exchange(await googleWithInvitation(email, invited.token)).expect(200);
    await tenant
      .http()
      .patch(`/api/tenant/agents/${invited.id}`)
      .set(bearer(admin.accessToken))
      .send({ status: 'deactivated' })
      .expect(200);
    expect((await googleSignIn(email)).url.searchParams.get('error')).toBe('deactivated');
  });

  it('uses each sign-in code once', async () => {
    const landing = await googleSignIn(uniqueEmail('once'), '&mode=signup');
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

  it('signs no one in with a code from another browser’s flow (login CSRF)', async () => {
    const attacker = await googleSignIn(uniqueEmail('attacker'), '&mode=signup');
    const victimsBrowser = await googleSignIn(uniqueEmail('victim'), '&mode=signup');

    const planted = await exchange(attacker, victimsBrowser).expect(403);
    expect(planted.body.code).toBe('browser_mismatch');
    // Spent by the attempt: the attacker cannot use it either.
    await exchange(attacker).expect(400);

    const another = await googleSignIn(uniqueEmail('attacker'), '&mode=signup');
    const noCookie = await tenant
      .http()
      .post('/api/tenant/auth/google/exchange')
      .send({ code: another.fragment.get('code') })
      .expect(403);
    expect(noCookie.body.code).toBe('browser_mismatch');
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
