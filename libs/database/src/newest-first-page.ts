import { type FilterQuery, type Model } from 'mongoose';

/** A document a log pages over: its id breaks ties between equal creation times. */
interface Logged {
  _id: string;
  createdAt: Date;
}

export interface NewestFirstPage<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of a log, newest first: the documents matching `filter` created before the one the
 * previous page ended with (its `nextCursor`). The cursor names a position, not an offset, so
 * documents added meanwhile neither repeat nor skip one; a cursor that does not decode starts
 * from the newest.
 */
export async function newestFirstPage<T extends Logged>(
  model: Model<T>,
  filter: FilterQuery<T>,
  query: { limit: number; cursor?: string },
): Promise<NewestFirstPage<T>> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const paged: FilterQuery<T> = after
    ? {
        ...filter,
        $or: [
          { createdAt: { $lt: after.createdAt } },
          { createdAt: after.createdAt, _id: { $lt: after.id } },
        ],
      }
    : filter;
  const found = (await model
    .find(paged)
    .sort({ createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .lean()
    .exec()) as T[];
  const items = found.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: found.length > query.limit && last ? encodeCursor(last) : null };
}

function encodeCursor(document: Logged): string {
  return Buffer.from(`${document.createdAt.toISOString()}|${document._id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at);
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}
