import { eventually, type SignedIn } from '@app/testing';
import { ReviewsFixture } from './reviews-fixture';

const DELAYS = '1000,2000,4000';

describe('review invitations when Trustpilot fails', () => {
  let fixture: ReviewsFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    // Waits long enough to see an invitation pending between attempts, short enough to park one.
    fixture = await ReviewsFixture.start({ TRUSTPILOT_RETRY_DELAYS_MS: DELAYS });
  });
  afterAll(() => fixture?.close());
  beforeEach(async () => {
    admin = await fixture.signup();
  });
  afterEach(() => fixture.trustpilot.setOutage(false));

  it('sends the invitation once Trustpilot is back from an outage across the close', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);
    fixture.trustpilot.setOutage(true);

    await fixture.closeRoom(admin, roomId);
    const waiting = await eventually(async () => {
      const [entry] = await fixture.log(admin);
      expect(entry).toMatchObject({ status: 'pending', attempts: expect.any(Number) });
      expect(entry.attempts).toBeGreaterThan(0);
      return entry;
    });
    expect(waiting.lastError).toMatch(/Trustpilot unreachable|access token/);
    expect(waiting.nextAttemptAt).not.toBeNull();
    const { connection } = (await fixture.api(admin).get().expect(200)).body;
    expect(connection.health).toMatchObject({ status: 'failing', lastError: expect.any(String) });
    fixture.trustpilot.setOutage(false);

    const sent = await fixture.invitationOf(admin, roomId, 'sent');
    expect(sent.attempts).toBeGreaterThan(1);
    expect(fixture.acceptedFor(roomId)).toHaveLength(1);
  });

  it('parks an invitation as failed after its retries, and the retry action sends it', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);
    fixture.trustpilot.failNext(4, { status: 503 });

    await fixture.closeRoom(admin, roomId);
    const parked = await fixture.invitationOf(admin, roomId, 'failed');
    expect(parked).toMatchObject({ attempts: 4, lastError: expect.stringContaining('HTTP 503') });
    expect(fixture.acceptedFor(roomId)).toEqual([]);
    const api = fixture.api(admin);
    const day = new Date().toISOString().slice(0, 10);
    const stats = await api.get('/invitations/stats?days=1').expect(200);
    expect(stats.body.days).toEqual([{ date: day, sent: 0, failed: 1, skipped: 0 }]);

    const retried = await api.post(`/invitations/${parked.id}/retry`).expect(202);
    expect(retried.body).toMatchObject({
      id: parked.id,
      status: expect.stringMatching(/pending|sent/),
    });

    await fixture.invitationOf(admin, roomId, 'sent');
    expect(fixture.acceptedFor(roomId)).toHaveLength(1);
    await api.post(`/invitations/${parked.id}/retry`).expect(409);
    const after = await api.get('/invitations/stats?days=1').expect(200);
    expect(after.body.days).toEqual([{ date: day, sent: 1, failed: 0, skipped: 0 }]);
  });

  it('waits as long as a 429 asks before trying again', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);
    fixture.trustpilot.failNext(1, { status: 429, retryAfterSeconds: 30 });

    await fixture.closeRoom(admin, roomId);
    const limited = await eventually(async () => {
      const [entry] = await fixture.log(admin);
      expect(entry).toMatchObject({ status: 'pending', attempts: 1 });
      return entry;
    });

    expect(limited.lastError).toContain('HTTP 429');
    // 30 s from the attempt rather than the 1 s of the schedule.
    expect(new Date(limited.nextAttemptAt!).getTime()).toBeGreaterThan(
      new Date(limited.updatedAt).getTime() + 20_000,
    );
  });

  it('keeps a retry due across a restart of the service', async () => {
    await fixture.connect(admin);
    const { roomId } = await fixture.openRoom(admin);
    fixture.trustpilot.setOutage(true);
    await fixture.closeRoom(admin, roomId);
    await eventually(async () => {
      const [entry] = await fixture.log(admin);
      expect(entry?.status).toBe('pending');
      expect(entry.attempts).toBeGreaterThan(0);
    });

    // Trustpilot stays away until the restarted service is up: only it can send the invitation,
    // from the retry the database kept (with retries enough not to park it meanwhile).
    await fixture.restart({ TRUSTPILOT_RETRY_DELAYS_MS: Array(20).fill('1000').join(',') });
    fixture.trustpilot.setOutage(false);

    await fixture.invitationOf(admin, roomId, 'sent');
    expect(fixture.acceptedFor(roomId)).toHaveLength(1);
  });
});
