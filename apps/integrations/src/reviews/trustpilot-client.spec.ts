import { TrustpilotStandIn } from '@app/testing';
import { type IntegrationsConfig } from '../integrations.config';
import { TrustpilotClient } from './trustpilot-client';

describe('the Trustpilot adapter, against the stand-in', () => {
  let trustpilot: TrustpilotStandIn;
  let client: TrustpilotClient;
  const config = (overrides: Partial<IntegrationsConfig> = {}) =>
    ({
      NODE_ENV: 'test',
      TRUSTPILOT_API_URL: trustpilot.apiUrl,
      TRUSTPILOT_INVITATIONS_API_URL: trustpilot.invitationsUrl,
      TRUSTPILOT_TIMEOUT_MS: 2_000,
      ...overrides,
    }) as IntegrationsConfig;
  const invitation = {
    consumerEmail: 'ana@example.com',
    consumerName: 'Ana',
    referenceNumber: 'room-1',
    serviceReviewInvitation: {},
  };

  beforeAll(async () => {
    trustpilot = await TrustpilotStandIn.start();
    client = new TrustpilotClient(config());
  });
  afterAll(() => trustpilot.stop());
  afterEach(() => trustpilot.setOutage(false));

  it('gets a token for known credentials and sends an invitation with it', async () => {
    const business = trustpilot.addBusiness();
    const token = await client.requestToken(business);
    if (!token.ok) throw new Error(token.failure.detail);
    expect(token.value.expiresInSeconds).toBe(359_999);

    const sent = await client.createEmailInvitation(
      token.value.accessToken,
      { businessUnitId: business.businessUnitId, businessUserId: business.businessUserId },
      invitation,
    );

    expect(sent).toEqual({ ok: true, value: undefined });
    expect(trustpilot.accepted.at(-1)).toMatchObject({
      businessUnitId: business.businessUnitId,
      businessUserId: business.businessUserId,
      body: invitation,
    });
  });

  it('tells refused credentials, refused tokens, unknown units and a wrong business user apart', async () => {
    const business = trustpilot.addBusiness();
    const refused = await client.requestToken({ ...business, apiSecret: 'wrong' });
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'unauthorized', status: 401 } });
    const target = { businessUnitId: business.businessUnitId, businessUserId: null };
    expect(await client.createEmailInvitation('tpa-unknown', target, invitation)).toMatchObject({
      ok: false,
      failure: { kind: 'unauthorized', detail: 'HTTP 401 from Trustpilot: Invalid access token' },
    });
    const token = await client.requestToken(business);
    if (!token.ok) throw new Error(token.failure.detail);
    expect(await client.templates(token.value.accessToken, 'f'.repeat(24))).toMatchObject({
      ok: false,
      failure: { kind: 'not_found' },
    });
    expect(
      await client.createEmailInvitation(
        token.value.accessToken,
        { ...target, businessUserId: business.businessUnitId },
        invitation,
      ),
    ).toMatchObject({
      ok: false,
      failure: {
        kind: 'forbidden',
        detail: 'HTTP 403 from Trustpilot: Access to resource is forbidden',
      },
    });
    expect(await client.templates(token.value.accessToken, business.businessUnitId)).toEqual({
      ok: true,
      value: [business.templateId],
    });
  });

  it('reads a 429’s Retry-After, and calls 5xx and an outage unavailable', async () => {
    const business = trustpilot.addBusiness();
    const token = await client.requestToken(business);
    if (!token.ok) throw new Error(token.failure.detail);
    const target = { businessUnitId: business.businessUnitId, businessUserId: null };
    trustpilot.failNext(1, { status: 429, retryAfterSeconds: 7 });
    trustpilot.failNext(1, { status: 503 });

    expect(
      await client.createEmailInvitation(token.value.accessToken, target, invitation),
    ).toMatchObject({
      ok: false,
      failure: { kind: 'rate_limited', retryAfterMs: 7_000 },
    });
    expect(
      await client.createEmailInvitation(token.value.accessToken, target, invitation),
    ).toMatchObject({
      ok: false,
      failure: { kind: 'unavailable', status: 503 },
    });
    trustpilot.setOutage(true);
    expect(await client.requestToken(business)).toMatchObject({
      ok: false,
      failure: {
        kind: 'unavailable',
        status: null,
        detail: expect.stringContaining('Trustpilot unreachable'),
      },
    });
  });

  it('never calls a host outside the machine in a test run', async () => {
    const outside = new TrustpilotClient(
      config({ TRUSTPILOT_API_URL: 'https://api.trustpilot.com' }),
    );
    const answer = await outside.requestToken({ apiKey: 'k', apiSecret: 's' });
    expect(answer).toMatchObject({
      ok: false,
      failure: {
        kind: 'unavailable',
        detail: expect.stringContaining('a test run calls no Trustpilot'),
      },
    });
  });
});
