import { type Model } from 'mongoose';

/** True for MongoDB's (and FerretDB's) duplicate-key error, raised by a unique index. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/**
 * Inserts a document unless a unique index already holds its key: true for the first writer.
 * The one race arbiter that holds on FerretDB v1 too, which does not make conditional updates
 * atomic under concurrency but does refuse a second insert of a unique key.
 */
export async function insertFirst<T>(model: Model<T>, document: Partial<T>): Promise<boolean> {
  try {
    await model.create(document);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
