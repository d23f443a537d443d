import { createServer, type Server } from 'node:http';
import { describeFetchFailure, isTimeout, networkErrorCode } from './fetch-failure';

/** What fetch rejects with for a failure it does not answer. */
async function failureOf(url: string, init?: RequestInit): Promise<unknown> {
  try {
    await fetch(url, init);
  } catch (error) {
    return error;
  }
  throw new Error(`${url} answered`);
}

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

describe('a failed request, told apart', () => {
  it('is a timeout when AbortSignal.timeout gives up on a server that never answers', async () => {
    const silent = createServer(() => {});
    const port = await listen(silent);
    try {
      const error = await failureOf(`http://127.0.0.1:${port}/`, {
        signal: AbortSignal.timeout(50),
      });
      expect(isTimeout(error)).toBe(true);
      expect(describeFetchFailure(error)).toBe('no answer in time');
    } finally {
      silent.closeAllConnections();
      await close(silent);
    }
  });

  it("is refused, with undici's cause code, when nothing listens", async () => {
    const gone = createServer();
    const port = await listen(gone);
    await close(gone);
    const error = await failureOf(`http://127.0.0.1:${port}/`);
    expect(isTimeout(error)).toBe(false);
    expect(networkErrorCode(error)).toBe('ECONNREFUSED');
    expect(describeFetchFailure(error)).toBe('network error (ECONNREFUSED)');
  });

  it('counts an abort as a timeout, from fetch or from node:http', () => {
    expect(isTimeout(new DOMException('aborted', 'TimeoutError'))).toBe(true);
    expect(isTimeout(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isTimeout(Object.assign(new Error('aborted'), { code: 'ABORT_ERR' }))).toBe(true);
  });

  it("reads node:http's code on the error itself", () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(networkErrorCode(reset)).toBe('ECONNRESET');
    expect(describeFetchFailure(reset)).toBe('network error (ECONNRESET)');
  });

  it('says only "network error" when there is no code to name', () => {
    expect(describeFetchFailure(new TypeError('fetch failed'))).toBe('network error');
    // A DOMException's code is a number, not a system error code.
    expect(networkErrorCode(new DOMException('bad', 'SyntaxError'))).toBeUndefined();
    expect(describeFetchFailure(undefined)).toBe('network error');
    expect(describeFetchFailure('fetch failed')).toBe('network error');
  });
});
