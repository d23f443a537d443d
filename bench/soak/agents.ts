/**
 * The soak's agents outlive their access tokens (ACCESS_TOKEN_TTL_SECONDS, 10 minutes as it
 * ships): as the dashboard does, an agent whose token is about to run out gets a refreshed one
 * and reconnects with it, and the old socket is closed. Done between slices of the load, when
 * no message is in flight, so the slices' counts are exact.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Socket } from 'socket.io-client';
import { connectSocket, type Connected } from '../chat/load';

/** Chat puts a new agent socket in its rooms, then sends it the queue (AgentGateway). */
const READY_TIMEOUT_MS = 15_000;

/** When an access token runs out (its `exp`), in ms since the epoch. */
export function tokenExpiresAt(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  return Number(payload.exp) * 1000;
}

/** Sockets closed by anything but the benchmark itself (a server's close, a lost transport). */
export class DisconnectTally {
  readonly reasons: Record<string, number> = {};

  watch(socket: Socket, who: string): Socket {
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      const key = `${who}: ${reason}`;
      this.reasons[key] = (this.reasons[key] ?? 0) + 1;
    });
    return socket;
  }

  get count(): number {
    return Object.values(this.reasons).reduce((sum, count) => sum + count, 0);
  }
}

/** An agent socket with `token`, resolved once chat has put it in the agent's rooms. */
async function readyAgentSocket(url: string, token: string): Promise<Socket> {
  let ready!: Promise<unknown>;
  const socket = await connectSocket(url, 'agent', { token }, (socket) => {
    ready = new Promise((resolve) => socket.once('queue:updated', resolve));
  });
  const timedOut = Symbol('timed out');
  if ((await Promise.race([ready, sleep(READY_TIMEOUT_MS, timedOut)])) === timedOut) {
    socket.disconnect();
    throw new Error(`an agent socket got no queue:updated within ${READY_TIMEOUT_MS} ms`);
  }
  return socket;
}

/**
 * Renews, in place in `connected.agents` and `tokens`, every agent whose token runs out within
 * `withinMs`: refreshed token, new socket in its rooms, old socket closed. Returns how many.
 */
export async function renewExpiringAgents(options: {
  url: string;
  connected: Connected;
  /** The agents' current access tokens, in the order of `connected.agents`. */
  tokens: string[];
  refresh: (index: number) => Promise<string>;
  withinMs: number;
  disconnects: DisconnectTally;
}): Promise<number> {
  const { connected, tokens } = options;
  let renewed = 0;
  for (const [index, token] of tokens.entries()) {
    if (tokenExpiresAt(token) - Date.now() > options.withinMs) continue;
    const fresh = await options.refresh(index);
    const socket = await readyAgentSocket(options.url, fresh);
    options.disconnects.watch(socket, 'agent');
    connected.agents[index].disconnect();
    connected.agents[index] = socket;
    tokens[index] = fresh;
    renewed += 1;
  }
  return renewed;
}
