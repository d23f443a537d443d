import { type Model } from 'mongoose';

/**
 * True for the duplicate-key error a unique index raises. MongoDB and FerretDB's inserts answer
 * code 11000; FerretDB v1 on SQLite answers an update that collides with a generic error that
 * carries SQLite's own message instead.
 */
export function isDuplicateKey(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: number; message?: string };
  return code === 11000 || /UNIQUE constraint failed: index /.test(message ?? '');
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

/**
 * Applies an event's state to a read-model document unless a newer state was applied already
 * (events of different topics may arrive out of order). The document records when its state
 * was true in `syncedAt`.
 */
export async function applyIfNewer<T extends { _id: string; syncedAt: Date }>(
  model: Model<T>,
  id: string,
  fields: object,
  at: Date,
): Promise<void> {
  try {
    await model.updateOne(
      { _id: id, $or: [{ syncedAt: { $lt: at } }, { syncedAt: { $exists: false } }] } as never,
      { $set: { ...fields, syncedAt: at } },
      { upsert: true },
    );
  } catch (error) {
    // The document exists with a newer state: the upsert's insert collided with it.
    if (!isDuplicateKey(error)) throw error;
  }
}
