import { type Model } from 'mongoose';
import { TenantContext } from './tenant-context';

export type InsertOutcome = 'inserted' | 'duplicate';

interface Pending {
  document: Record<string, unknown>;
  resolve(outcome: InsertOutcome): void;
  reject(error: unknown): void;
}

interface WriteError {
  index: number;
  code: number;
  errmsg?: string;
}

/**
 * Group commit for one collection: inserts that arrive while a write is in flight go together
 * in the next `insertMany` (unordered), and each caller still learns its own outcome, a
 * duplicate key included. Under load this turns one write per document into one per group,
 * which is what lets the message path keep up on FerretDB (one SQLite writer per database);
 * an idle collection writes at once. Documents are complete (no mongoose defaults or hooks);
 * a tenant-scoped collection's documents get the caller's tenant here, since one group may
 * hold several tenants' documents.
 */
export class GroupInserter {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly model: Model<never>,
    private readonly options: { tenantScoped: boolean; maxGroup?: number },
  ) {}

  insert(document: Record<string, unknown>): Promise<InsertOutcome> {
    const stamped = this.options.tenantScoped
      ? { ...document, tenantId: TenantContext.current() }
      : document;
    return new Promise((resolve, reject) => {
      this.queue.push({ document: stamped, resolve, reject });
      if (this.flushing) return;
      this.flushing = true;
      // Same-tick inserts join the first group.
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.options.maxGroup ?? 500);
      try {
        await this.model.collection.insertMany(
          group.map((pending) => pending.document),
          { ordered: false },
        );
        for (const pending of group) pending.resolve('inserted');
      } catch (error) {
        settle(group, error);
      }
    }
    this.flushing = false;
  }
}

function settle(group: Pending[], error: unknown): void {
  const writeErrors = (error as { writeErrors?: WriteError[] }).writeErrors;
  if (!writeErrors) {
    for (const pending of group) pending.reject(error);
    return;
  }
  const failed = new Map(writeErrors.map((writeError) => [writeError.index, writeError]));
  group.forEach((pending, index) => {
    const writeError = failed.get(index);
    if (!writeError) pending.resolve('inserted');
    else if (writeError.code === 11000) pending.resolve('duplicate');
    else pending.reject(new Error(writeError.errmsg ?? `insert failed (${writeError.code})`));
  });
}
