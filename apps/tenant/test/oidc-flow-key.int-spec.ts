import { seal } from '@app/auth';
import { REPOSITORY_SECRET_VALUES } from '@app/config';
import {
  type DevOidcProvider,
  freePort,
  generatedOperatorSecrets,
  sealedTheOldWay,
  startDevOidcProvider,
} from '@app/testing';
import { TenantFixture } from './tenant-fixture';

describe("the Google sign-in flow's cookie", () => {
  let tenant: TenantFixture;
  let provider: DevOidcProvider;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startDevOidcProvider([`${base}/api/tenant/auth/google/callback`]);
    const keys = generatedOperatorSecrets();
    tenant = await TenantFixture.start({
      PORT: String(port),
      PUBLIC_URL: base,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      NOTIFICATION_SEAL_KEY: keys.NOTIFICATION_SEAL_KEY,
      OIDC_FLOW_SEAL_KEY: keys.OIDC_FLOW_SEAL_KEY,
    });
  });

  afterAll(async () => {
    await Promise.all([tenant?.close(), provider?.stop()]);
  });

  /** A flow an attacker would like the callback to trust: their state, nonce and verifier. */
  const flow = JSON.stringify({
    state: 'attacker-state',
    nonce: 'attacker-nonce',
    codeVerifier: 'attacker-verifier-attacker-verifier-attacker-verifier',
    mode: 'signup',
    tenantName: 'Forged Inc',
    expiresAt: Date.now() + 5 * 60_000,
  });

  /** Where the callback sends the browser that carries `cookie`: the dashboard's error, if any. */
  async function callbackError(cookie: string): Promise<string | null> {
    const response = await fetch(
      `${base}/api/tenant/auth/google/callback?code=made-up&state=attacker-state`,
      { redirect: 'manual', headers: { cookie: `parley_oidc_flow=${cookie}` } },
    );
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!).searchParams.get('error');
  }

  it('cannot be forged with the link key, nor with any key the repository published', async () => {
    const linkKey = tenant.service.config.NOTIFICATION_SEAL_KEY;
    const forgeries = [
      sealedTheOldWay(flow, `oidc-flow:${linkKey}`),
      seal(flow, linkKey, 'oidc-flow'),
      seal(flow, linkKey, 'notification-link'),
      ...REPOSITORY_SECRET_VALUES.flatMap((published) => [
        seal(flow, published, 'oidc-flow'),
        sealedTheOldWay(flow, `oidc-flow:${published}`),
      ]),
    ];

    for (const cookie of forgeries) expect(await callbackError(cookie)).toBe('expired');
  });

  it('is opened when sealed with OIDC_FLOW_SEAL_KEY (the made-up code then fails at the provider)', async () => {
    const genuine = seal(flow, tenant.service.config.OIDC_FLOW_SEAL_KEY, 'oidc-flow');
    expect(await callbackError(genuine)).toBe('invalid_callback');
  });
});
