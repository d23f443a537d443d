/**
 * The floor for this machine: a bare socket.io relay that stores each message in the same
 * database and forwards it to the room, with none of Parley's checks, events or replicas.
 * Run as its own process by the chat benchmark, given the MongoDB URL; it reports its port.
 */
import { MongoClient } from 'mongodb';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';

async function main(): Promise<void> {
  const client = await MongoClient.connect(process.argv[2] ?? 'mongodb://127.0.0.1:27017/');
  const database = client.db(`bench_floor_${Date.now()}`);
  const messages = database.collection<{ _id: string; roomId: string; seq: number }>('messages');
  await messages.createIndex({ roomId: 1, seq: 1 }, { unique: true });
  const seqs = new Map<string, number>();

  const http = createServer();
  const io = new Server(http, { path: '/socket.io' });
  const agents = io.of('/agent');
  io.of('/visitor').on('connection', (socket) => {
    const roomId = String(socket.handshake.auth.roomId);
    void socket.join(roomId);
    socket.on('message:send', async (payload: { clientMessageId: string; body: string }, ack) => {
      const seq = (seqs.get(roomId) ?? 0) + 1;
      seqs.set(roomId, seq);
      const message = {
        _id: randomUUID(),
        roomId,
        seq,
        clientMessageId: payload.clientMessageId,
        sender: { type: 'visitor' },
        body: payload.body,
        createdAt: new Date(),
      };
      await messages.insertOne(message);
      const { _id, ...rest } = message;
      agents.to(roomId).emit('message:new', { id: _id, ...rest });
      ack({ id: _id, seq });
    });
  });
  agents.on('connection', (socket) => {
    socket.on('room:join', (payload: { roomId: string }, ack) => {
      void socket.join(payload.roomId);
      ack({ room: { roomId: payload.roomId } });
    });
  });
  io.of('/stats').on('connection', (socket) =>
    socket.on('stored', async (roomIds: string[], ack) =>
      ack(await messages.countDocuments({ roomId: { $in: roomIds } })),
    ),
  );
  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as { port: number };
    process.send?.({ listening: port });
  });
  process.on('SIGTERM', () => {
    void database.dropDatabase().finally(() => process.exit(0));
  });
}

void main();
