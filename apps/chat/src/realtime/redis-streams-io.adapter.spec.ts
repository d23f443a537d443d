import Redis from 'ioredis';
import { handlePublishFailures } from './redis-streams-io.adapter';

describe('the socket.io adapter’s Redis client at shutdown', () => {
  it('leaves no unhandled rejection when the adapter publishes on a closed client, and still tells a caller who waits', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    // Never connected: closed at once, as the adapter's client is when the server closes.
    const client = new Redis({ lazyConnect: true });
    client.disconnect();
    handlePublishFailures(client);
    try {
      // As the adapter does for cluster-wide fetchSockets: the answer is not waited for.
      void client.publish('parley#/agent#', 'fetch');
      await expect(client.publish('parley#/agent#', 'fetch')).rejects.toThrow(
        'Connection is closed',
      );
      await new Promise((settle) => setTimeout(settle, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
