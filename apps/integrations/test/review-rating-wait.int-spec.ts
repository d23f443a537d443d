import { type SignedIn } from '@app/testing';
import { ReviewsFixture } from './reviews-fixture';

describe('review invitations waiting for a rating', () => {
  let fixture: ReviewsFixture;
  let admin: SignedIn;

  beforeAll(async () => {
    fixture = await ReviewsFixture.start({ TRUSTPILOT_RATING_WAIT_MS: '300' });
  });
  afterAll(() => fixture?.close());
  beforeEach(async () => {
    admin = await fixture.signup();
  });

  it('skips a conversation never rated once the wait for a rating is over', async () => {
    await fixture.connect(admin, { onlyRatedFourOrFive: true });
    const { roomId } = await fixture.openRoom(admin);
    await fixture.closeRoom(admin, roomId);

    expect(await fixture.invitationOf(admin, roomId, 'skipped')).toMatchObject({
      skipReason: 'not_rated',
    });
    expect(fixture.acceptedFor(roomId)).toEqual([]);
  });
});
