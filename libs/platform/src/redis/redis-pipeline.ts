import type { ChainableCommander } from 'ioredis';

/**
 * Sends a pipeline (or MULTI) and answers its replies in order; throws the first command's error,
 * which ioredis would otherwise leave inside the replies for the caller to notice.
 */
export async function execPipeline(pipeline: ChainableCommander): Promise<unknown[]> {
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
