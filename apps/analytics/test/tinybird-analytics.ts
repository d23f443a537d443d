import { type SignedIn } from '@app/testing';
import { AnalyticsFixture } from './analytics-fixture';
import { FakeTinybird } from './fake-tinybird';

export interface TinybirdAnalytics {
  readonly tinybird: FakeTinybird;
  readonly fixture: AnalyticsFixture;
  /** A workspace's owner, signed in. */
  readonly admin: SignedIn;
}

/**
 * For the `describe` block it is called in: the analytics service reading its figures from a
 * local Tinybird (started before the block's tests, stopped after), and a workspace's owner.
 */
export function analyticsOnTinybird(): TinybirdAnalytics {
  const started: Partial<{ -readonly [K in keyof TinybirdAnalytics]: TinybirdAnalytics[K] }> = {};
  beforeAll(async () => {
    started.tinybird = await FakeTinybird.start();
    started.fixture = await AnalyticsFixture.start({
      TINYBIRD_URL: started.tinybird.url,
      TINYBIRD_TOKEN: started.tinybird.token,
    });
    started.admin = await started.fixture.directory.signup();
  });
  afterAll(async () => {
    await started.fixture?.close();
    await started.tinybird?.close();
  });
  return {
    get tinybird() {
      return started.tinybird!;
    },
    get fixture() {
      return started.fixture!;
    },
    get admin() {
      return started.admin!;
    },
  };
}
