/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// jsdom for the session's localStorage; node's builds of socket.io and ws for a real server.
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { accessToken, currentTokens, storeTokens } from '../api/session';
import type { AgentSocket } from './agent-socket';
import { type ConnectionState, watchConnection } from './connection-watch';

/** An unsigned JWT that expires `inSeconds` from now: the client only reads `exp`. */
function jwt(inSeconds: number, marker: string): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  const exp = Math.floor(Date.now() / 1000) + inSeconds;
  return `${encode({ alg: 'none' })}.${encode({ exp, marker })}.signature`;
}

const answer = (status: number, body: object) =>
  ({ status, ok: status < 300, json: async () => body }) as Response;

/** Resolves once `check` holds, looking again every few milliseconds. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * A socket.io server playing chat's `/agent`: it ends the first connection's session with
 * `reason`, as chat does (told, acknowledged, closed), and records each handshake's token.
 */
async function chatEndingTheFirstSession(reason: string) {
  const http = createServer();
  const server = new Server(http);
  const handshakes: string[] = [];
  server.of('/agent').on('connection', (socket) => {
    handshakes.push((socket.handshake.auth as { token: string }).token);
    if (handshakes.length === 1)
      socket.emit('session:ended', { reason }, () => socket.disconnect(true));
  });
  await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, handshakes, close: () => new Promise((done) => server.close(done)) };
}

describe('the inbox connection when chat ends the session', () => {
  const states: ConnectionState[] = [];
  let stop: () => void = () => {};
  let socket: AgentSocket | undefined;

  beforeEach(() => {
    states.length = 0;
    localStorage.clear();
  });

  afterEach(() => {
    stop();
    socket?.disconnect();
  });

  const connect = (url: string) => {
    socket = io(`${url}/agent`, {
      transports: ['websocket'],
      auth: (callback) => {
        accessToken().then((token) => callback({ token }));
      },
    }) as AgentSocket;
    stop = watchConnection(socket, (state) => states.push(state));
  };

  it('reconnects at once with a refreshed token when the token expired', async () => {
    const renewed = jwt(600, 'renewed');
    global.fetch = jest.fn(async () =>
      answer(200, { accessToken: renewed, refreshToken: 'r2' }),
    ) as typeof fetch;
    const first = jwt(600, 'first');
    storeTokens({ accessToken: first, refreshToken: 'r1' });
    const chat = await chatEndingTheFirstSession('expired');

    connect(chat.url);
    await until(() => chat.handshakes.length === 2 && states.at(-1) === 'connected');

    expect(chat.handshakes).toEqual([first, renewed]);
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
    await chat.close();
  });

  it('reports the session signed out when it was revoked and cannot be refreshed', async () => {
    global.fetch = jest.fn(async () =>
      answer(401, { code: 'invalid_refresh_token' }),
    ) as typeof fetch;
    storeTokens({ accessToken: jwt(600, 'first'), refreshToken: 'r1' });
    const chat = await chatEndingTheFirstSession('revoked');

    connect(chat.url);
    await until(() => states.at(-1) === 'signed-out');

    expect(chat.handshakes).toHaveLength(1);
    expect(currentTokens()).toBeNull();
    await chat.close();
  });
});
