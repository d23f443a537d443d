/**
 * `npm run search:reindex`: rebuilds the conversation search index from the chat database (see
 * SearchReindexer). Reads the chat service's MONGO_URL, MONGO_DB, OPENSEARCH_URL and
 * SEARCH_INDEX_* settings; the chat services may keep running meanwhile.
 */
import { loadConfig, mongoFragment, opensearchFragment } from '@app/config';
import { Logger } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import { z } from 'zod';
import { SearchIndex } from './search-index';
import { SearchReindexer } from './search-reindexer';

const logger = new Logger('search:reindex');

async function main(): Promise<void> {
  const config = loadConfig(z.object({ ...mongoFragment('parley_chat'), ...opensearchFragment() }));
  const mongo = await MongoClient.connect(config.MONGO_URL);
  const index = new SearchIndex(config);
  try {
    const log = (line: string) => logger.log(line);
    const outcome = await new SearchReindexer(index, mongo.db(config.MONGO_DB), log).rebuild();
    log(
      `${outcome.rooms} conversations, ${outcome.messages} messages, ${outcome.notes} notes into ${outcome.index}` +
        (outcome.previous ? ` (replacing ${outcome.previous})` : ''),
    );
    for (const reason of outcome.refused) log(`refused ${reason}`);
  } finally {
    await Promise.all([mongo.close(), index.close()]);
  }
}

main().catch((error: unknown) => {
  logger.error(`failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
