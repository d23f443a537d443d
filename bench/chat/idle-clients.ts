/**
 * A child process of the benchmarks holding idle visitor sockets (one process cannot open more
 * descriptors than its limit). Told `{ url, auths, count }`, it connects and reports; told
 * `'count'`, it reports how many are still connected; told `'close'`, it closes them and exits.
 */
import { io, type Socket } from 'socket.io-client';

interface Order {
  url: string;
  auths: Array<Record<string, unknown>>;
  count: number;
}

const sockets: Socket[] = [];

function open(url: string, auth: Record<string, unknown>): Promise<boolean> {
  const socket = io(`${url}/visitor`, {
    path: '/socket.io',
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
}

process.on('message', async (order: Order | 'count' | 'close') => {
  if (order === 'close') {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 500);
    return;
  }
  if (order === 'count') {
    process.send?.({ stillConnected: sockets.filter((socket) => socket.connected).length });
    return;
  }
  let connected = 0;
  for (let start = 0; start < order.count; start += 250) {
    const batch = Array.from({ length: Math.min(250, order.count - start) }, (_, offset) =>
      open(order.url, order.auths[(start + offset) % order.auths.length]),
    );
    connected += (await Promise.all(batch)).filter(Boolean).length;
  }
  process.send?.({ connected, failed: order.count - connected });
});
