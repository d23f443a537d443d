import { Client } from '@opensearch-project/opensearch';
import { randomUUID } from 'node:crypto';

/**
 * The search engine as conversation search will use it, against the real server: `npm test`
 * starts it (scripts/infra.sh), or OPENSEARCH_URL names another one.
 */
const node =
  process.env.OPENSEARCH_URL ?? `http://127.0.0.1:${process.env.OPENSEARCH_PORT ?? '9200'}`;

describe('OpenSearch', () => {
  const client = new Client({ node });
  const index = `parley-test-${randomUUID()}`;

  afterAll(async () => {
    await client.indices.delete({ index }, { ignore: [404] });
    await client.close();
  });

  it('finds an indexed message by a word of it, with the word highlighted', async () => {
    await client.indices.create({
      index,
      body: {
        // One node holds no replica: without this the index would keep the cluster yellow.
        settings: { number_of_replicas: 0 },
        mappings: { properties: { text: { type: 'text' }, roomId: { type: 'keyword' } } },
      },
    });
    await client.index({
      index,
      id: 'room-1:1',
      body: { roomId: 'room-1', text: 'My invoice for March is missing' },
      refresh: 'true',
    });
    await client.index({
      index,
      id: 'room-2:1',
      body: { roomId: 'room-2', text: 'How do I change my password?' },
      refresh: 'true',
    });

    const { body } = await client.search({
      index,
      body: {
        query: { match: { text: 'invoice' } },
        highlight: { fields: { text: {} } },
      },
    });

    expect(body.hits.hits.map((hit) => hit._id)).toEqual(['room-1:1']);
    expect(body.hits.hits[0].highlight?.text).toEqual(['My <em>invoice</em> for March is missing']);
  });

  it('deletes the index', async () => {
    await client.indices.delete({ index });

    const { body: exists } = await client.indices.exists({ index });
    expect(exists).toBe(false);
  });
});
