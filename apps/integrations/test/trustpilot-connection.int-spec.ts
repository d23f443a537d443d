import { type SignedIn } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { ReviewsFixture } from './reviews-fixture';

describe('connecting Trustpilot', () => {
  let fixture: ReviewsFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    fixture = await ReviewsFixture.start();
  });
  afterAll(() => fixture?.close());
  beforeEach(async () => {
    admin = await fixture.signup();
  });

  it('stores credentials Trustpilot accepts, sealed, and never shows them again', async () => {
    const business = fixture.trustpilot.addBusiness();
    const api = fixture.api(admin);
    expect((await api.get().expect(200)).body).toEqual({ connection: null });

    const connected = await api
      .put({
        businessUnitId: business.businessUnitId,
        apiKey: business.apiKey,
        apiSecret: business.apiSecret,
        templateId: business.templateId,
        locale: 'en-US',
        senderName: 'Acme Support',
        replyTo: 'support@acme.example',
        onlyRatedFourOrFive: true,
      })
      .expect(200);
    const read = await api.get().expect(200);

    for (const answer of [connected.text, read.text]) {
      expect(answer).not.toContain(business.apiKey);
      expect(answer).not.toContain(business.apiSecret);
    }
    expect(read.body.connection).toMatchObject({
      businessUnitId: business.businessUnitId,
      templateId: business.templateId,
      locale: 'en-US',
      senderName: 'Acme Support',
      replyTo: 'support@acme.example',
      onlyRatedFourOrFive: true,
      enabled: true,
      health: { status: 'unknown', lastSuccessAt: null, lastError: null },
    });
    expect(read.body.connection).not.toHaveProperty('apiKey');
    const stored = JSON.stringify(
      await fixture.service.service.db.collection('trustpilot_connections').find().toArray(),
    );
    expect(stored).not.toContain(business.apiKey);
    expect(stored).not.toContain(business.apiSecret);
  });

  it('answers 400 naming the field Trustpilot refuses, and stores nothing', async () => {
    const business = fixture.trustpilot.addBusiness();
    const api = fixture.api(admin);
    const base = {
      businessUnitId: business.businessUnitId,
      apiKey: business.apiKey,
      apiSecret: business.apiSecret,
    };
    const fieldsOf = (answer: { body: { errors?: Array<{ field: string }> } }) =>
      (answer.body.errors ?? []).map((error) => error.field).sort();

    const wrongSecret = await api.put({ ...base, apiSecret: 'not-the-secret' }).expect(400);
    expect(fieldsOf(wrongSecret)).toEqual(['apiKey', 'apiSecret']);
    const unknownUnit = await api.put({ ...base, businessUnitId: 'a'.repeat(24) }).expect(400);
    expect(fieldsOf(unknownUnit)).toEqual(['businessUnitId']);
    const unknownTemplate = await api.put({ ...base, templateId: 'b'.repeat(24) }).expect(400);
    expect(fieldsOf(unknownTemplate)).toEqual(['templateId']);
    const noSecret = await api
      .put({ businessUnitId: business.businessUnitId, apiKey: 'k' })
      .expect(400);
    expect(fieldsOf(noSecret)).toEqual(['apiSecret']);
    const badLocale = await api.put({ ...base, locale: 'english' }).expect(400);
    expect(fieldsOf(badLocale)).toEqual(['locale']);

    expect((await api.get().expect(200)).body).toEqual({ connection: null });
  });

  it('stops a workspace making Parley call Trustpilot more than 10 times in 10 minutes', async () => {
    const business = fixture.trustpilot.addBusiness();
    const wrong = {
      businessUnitId: business.businessUnitId,
      apiKey: business.apiKey,
      apiSecret: 'guessing',
    };
    const tokenRequestsBefore = fixture.trustpilot.tokenRequests;
    const answers = await Promise.all(
      Array.from({ length: 14 }, () => fixture.api(admin).put(wrong)),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 400)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.body.code).toBe('tenant_rate_limited');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    // Only the calls let through reached Trustpilot.
    expect(fixture.trustpilot.tokenRequests - tokenRequestsBefore).toBeLessThanOrEqual(10);

    // The right credentials are refused too until the window passes; another workspace is not.
    await fixture
      .api(admin)
      .put({ ...wrong, apiSecret: business.apiSecret })
      .expect(429);
    const other = await fixture.signup();
    const otherBusiness = fixture.trustpilot.addBusiness();
    await fixture
      .api(other)
      .put({
        businessUnitId: otherBusiness.businessUnitId,
        apiKey: otherBusiness.apiKey,
        apiSecret: otherBusiness.apiSecret,
      })
      .expect(200);
  });

  it('keeps the stored credentials when settings change without them', async () => {
    const business = await fixture.connect(admin);
    const api = fixture.api(admin);

    const updated = await api
      .put({ businessUnitId: business.businessUnitId, locale: 'fr-FR', enabled: false })
      .expect(200);

    expect(updated.body).toMatchObject({ locale: 'fr-FR', enabled: false, templateId: null });
    await api
      .put({ businessUnitId: business.businessUnitId, templateId: business.templateId })
      .expect(200);
  });

  it('disconnects: the credentials are gone, and a conversation closing later invites nobody', async () => {
    await fixture.connect(admin);
    const api = fixture.api(admin);
    await api.delete().expect(204);
    await api.delete().expect(404);
    expect((await api.get().expect(200)).body).toEqual({ connection: null });

    const { roomId } = await fixture.openRoom(admin);
    await fixture.handled('onRoomClosed', await fixture.closeRoom(admin, roomId));
    expect(await fixture.log(admin)).toEqual([]);
    expect(fixture.acceptedFor(roomId)).toEqual([]);
  });

  it('keeps every workspace’s invitations to itself: another cannot see or retry them', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);
    fixture.trustpilot.failNext(4, { status: 503 });
    await fixture.closeRoom(admin, roomId);
    const failed = await fixture.invitationOf(admin, roomId, 'failed');

    const other = await fixture.signup();
    await fixture.connect(other);
    expect(await fixture.log(other)).toEqual([]);
    await fixture.api(other).post(`/invitations/${failed.id}/retry`).expect(404);
    await fixture.api(other).post(`/invitations/${randomUUID()}/retry`).expect(404);
    expect((await fixture.log(admin))[0]).toMatchObject({ id: failed.id, status: 'failed' });
  });

  it('refuses the routes to a user without integrations:manage', async () => {
    const agent = await fixture.service.directory.agent(admin);
    await fixture.api(agent).get().expect(403);
    await fixture.api(agent).get('/invitations').expect(403);
  });
});
