/**
 * @jest-environment jsdom
 */
import { accessToken, clearSession, currentTokens, storeTokens } from './session';

/** An unsigned JWT that expires `inSeconds` from now: the client only reads `exp`. */
function jwt(inSeconds: number, marker: string): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  const exp = Math.floor(Date.now() / 1000) + inSeconds;
  return `${encode({ alg: 'none' })}.${encode({ exp, marker })}.signature`;
}

// jsdom has no fetch Response; the session reads only these three members.
const answer = (status: number, body: object) =>
  ({ status, ok: status < 300, json: async () => body }) as Response;

describe('the dashboard session', () => {
  const refreshes: string[] = [];
  let refreshAnswer: () => Response;

  beforeEach(() => {
    refreshes.length = 0;
    localStorage.clear();
    global.fetch = jest.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      refreshes.push(JSON.parse(String(init?.body)).refreshToken);
      return refreshAnswer();
    }) as typeof fetch;
  });

  it('uses a fresh access token as it is, without refreshing', async () => {
    const fresh = jwt(600, 'fresh');
    storeTokens({ accessToken: fresh, refreshToken: 'r1' });
    expect(await accessToken()).toBe(fresh);
    expect(refreshes).toEqual([]);
  });

  it('refreshes a token about to expire once, however many requests wait for it', async () => {
    const renewed = jwt(600, 'renewed');
    refreshAnswer = () => answer(200, { accessToken: renewed, refreshToken: 'r2' });
    storeTokens({ accessToken: jwt(30, 'old'), refreshToken: 'r1' });

    const tokens = await Promise.all([accessToken(), accessToken(), accessToken()]);

    expect(tokens).toEqual([renewed, renewed, renewed]);
    // A refresh token works once: presenting r1 twice would end the whole session.
    expect(refreshes).toEqual(['r1']);
    expect(currentTokens()).toEqual({ accessToken: renewed, refreshToken: 'r2' });
  });

  it('stays signed out when the session ends while a refresh is on its way', async () => {
    let arrive: (response: Response) => void = () => undefined;
    global.fetch = jest.fn(() => new Promise<Response>((resolve) => (arrive = resolve)));
    storeTokens({ accessToken: jwt(30, 'old'), refreshToken: 'r1' });
    const refreshing = accessToken();
    await Promise.resolve();
    clearSession();
    arrive(answer(200, { accessToken: jwt(600, 'renewed'), refreshToken: 'r2' }));
    expect(await refreshing).toBeNull();
    expect(currentTokens()).toBeNull();
  });

  it('signs out when the refresh token is refused', async () => {
    refreshAnswer = () => answer(401, { code: 'refresh_token_reused' });
    storeTokens({ accessToken: jwt(-10, 'expired'), refreshToken: 'r1' });
    expect(await accessToken()).toBeNull();
    expect(currentTokens()).toBeNull();
  });
});
