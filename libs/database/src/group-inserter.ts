import { TenantContext } from '@app/tenancy';
import { type Collection, type mongo } from 'mongoose';
import { GroupCommit, type GroupOutcome } from './group-commit';

export type InsertOutcome = 'inserted' | 'duplicate';

interface WriteError {
  index: number;
  code: number;
  errmsg?: string;
}

/** The most documents one `insertMany` takes. */
const MAX_GROUP = 500;

/**
 * Group commit of inserts into one tenant-scoped collection (see GroupCommit): a group is one
 * `insertMany` (unordered), and each caller still learns its own outcome, a duplicate key
 * included. Documents are complete (no mongoose defaults or hooks); each gets the caller's
 * tenant here, since one group may hold several tenants' documents.
 */
export class GroupInserter {
  private readonly groups: GroupCommit<Record<string, unknown>, InsertOutcome>;

  constructor(private readonly collection: Collection) {
    this.groups = new GroupCommit((documents) => this.insertAll(documents), {
      maxGroup: MAX_GROUP,
    });
  }

  insert(document: Record<string, unknown>): Promise<InsertOutcome> {
    return this.groups.submit({ ...document, tenantId: TenantContext.current() });
  }

  private async insertAll(
    documents: Record<string, unknown>[],
  ): Promise<GroupOutcome<InsertOutcome>[]> {
    let outcomes: GroupOutcome<InsertOutcome>[];
    let insertedCount: number;
    try {
      ({ insertedCount } = await this.collection.insertMany(documents, { ordered: false }));
      outcomes = documents.map(() => ({ ok: true, value: 'inserted' }));
    } catch (error) {
      const { writeErrors, result } = error as {
        writeErrors?: WriteError[];
        result?: { insertedCount?: number };
      };
      if (!writeErrors) throw error;
      const failed = new Map(writeErrors.map((writeError) => [writeError.index, writeError]));
      outcomes = documents.map((_, index) => outcomeOf(failed.get(index)));
      insertedCount = result?.insertedCount ?? outcomes.filter(isInserted).length;
    }
    // A server that stops mid-group (FerretDB shutting down) may answer for fewer documents
    // than it was given, with no error for the rest: those are read back, not taken as stored.
    if (insertedCount < outcomes.filter(isInserted).length)
      return this.readBack(documents, outcomes);
    return outcomes;
  }

  /**
   * The outcomes said inserted, checked against what is stored: a document that is not there
   * failed (its caller may send it again); one that is there may be this insert or an earlier
   * one, so its caller looks, as for a duplicate.
   */
  private async readBack(
    documents: Record<string, unknown>[],
    outcomes: GroupOutcome<InsertOutcome>[],
  ): Promise<GroupOutcome<InsertOutcome>[]> {
    const ids = documents.filter((_, index) => isInserted(outcomes[index])).map((d) => d._id);
    const stored = new Set(
      (await this.collection.find(byIds(ids), { projection: { _id: 1 } }).toArray()).map(
        (document) => String(document._id),
      ),
    );
    return outcomes.map((outcome, index) => {
      if (!isInserted(outcome)) return outcome;
      return stored.has(String(documents[index]._id))
        ? { ok: true, value: 'duplicate' }
        : { ok: false, error: new Error('insert not confirmed by the database') };
    });
  }
}

/** The driver types `_id` as an ObjectId; ours are strings. */
const byIds = (ids: unknown[]) => ({ _id: { $in: ids } }) as mongo.Filter<mongo.Document>;

const isInserted = (outcome: GroupOutcome<InsertOutcome>) =>
  outcome.ok && outcome.value === 'inserted';

function outcomeOf(writeError: WriteError | undefined): GroupOutcome<InsertOutcome> {
  if (!writeError) return { ok: true, value: 'inserted' };
  if (writeError.code === 11000) return { ok: true, value: 'duplicate' };
  return {
    ok: false,
    error: new Error(writeError.errmsg ?? `insert failed (${writeError.code})`),
  };
}
