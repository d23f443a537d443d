import { TenantContext } from '@app/tenancy';
import { type Collection } from 'mongoose';
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
    try {
      await this.collection.insertMany(documents, { ordered: false });
      return documents.map(() => ({ ok: true, value: 'inserted' }));
    } catch (error) {
      const writeErrors = (error as { writeErrors?: WriteError[] }).writeErrors;
      if (!writeErrors) throw error;
      const failed = new Map(writeErrors.map((writeError) => [writeError.index, writeError]));
      return documents.map((_, index) => outcomeOf(failed.get(index)));
    }
  }
}

function outcomeOf(writeError: WriteError | undefined): GroupOutcome<InsertOutcome> {
  if (!writeError) return { ok: true, value: 'inserted' };
  if (writeError.code === 11000) return { ok: true, value: 'duplicate' };
  return {
    ok: false,
    error: new Error(writeError.errmsg ?? `insert failed (${writeError.code})`),
  };
}
