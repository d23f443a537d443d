import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { io } from 'socket.io-client';
import { type Target } from './target';

/** The bare relay (floor-relay.ts) in its own process, with as many rooms and agents as Parley's run. */
export async function floorTarget(options: {
  visitors: number;
  agents: number;
  mongoUrl: string;
}): Promise<Target> {
  const child = fork(resolve(__dirname, 'floor-relay.js'), [options.mongoUrl], {
    stdio: 'inherit',
  });
  const port = await new Promise<number>((done) =>
    child.once('message', (message) => done((message as { listening: number }).listening)),
  );
  const url = `http://127.0.0.1:${port}`;
  const roomIds = Array.from({ length: options.visitors }, () => randomUUID());
  return {
    name: 'bare socket.io relay',
    url,
    visitors: roomIds.map((roomId) => ({ auth: { roomId }, roomId })),
    agents: Array.from({ length: options.agents }, (_, index) => ({
      auth: {},
      roomIds: roomIds.filter((_, room) => room % options.agents === index),
    })),
    async storedVisitorMessages(rooms) {
      const stats = io(`${url}/stats`, { path: '/socket.io', transports: ['websocket'] });
      try {
        return (await stats.emitWithAck('stored', rooms)) as number;
      } finally {
        stats.disconnect();
      }
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}
