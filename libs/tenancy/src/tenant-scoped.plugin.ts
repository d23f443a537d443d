import {
  type Model,
  type MongooseQueryMiddleware,
  type Query,
  type Schema,
  type UpdateQuery,
} from 'mongoose';
import { TenantContext } from './tenant-context';

const QUERY_OPERATIONS: MongooseQueryMiddleware[] = [
  'countDocuments',
  'deleteMany',
  'deleteOne',
  'distinct',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndUpdate',
  'replaceOne',
  'updateMany',
  'updateOne',
];

/**
 * Tenant isolation for a collection, in one place: every query, update, delete and aggregate is
 * narrowed to the tenant in context, every new document gets it, and touching the collection
 * outside a tenant scope throws. A request for another tenant's id therefore finds nothing.
 */
export function tenantScopedPlugin(schema: Schema): void {
  schema.add({ tenantId: { type: String, required: true, immutable: true } });

  // Every read below is narrowed to a tenant, and a database serves a filter from an index on
  // its leading fields only: a collection none of whose indexes starts with the tenant would be
  // read whole, every tenant's rows, for each. Checked when the model is made, after the
  // schema's own indexes are declared.
  // The model's own schema: a model may be compiled from a clone of this one.
  schema.on('init', (model: Model<unknown>) => {
    const compiled = model.schema;
    const indexes = compiled.indexes();
    if (!indexes.some(([fields]) => Object.keys(fields)[0] === 'tenantId'))
      compiled.index({ tenantId: 1 });
  });

  schema.pre(QUERY_OPERATIONS, function (this: Query<unknown, unknown>) {
    const update = this.getUpdate() as Record<string, unknown> | null;
    if (update && mentionsTenantId(update)) throw new Error('tenantId cannot be changed');
    if (TenantContext.isUnscoped()) return;
    const tenantId = TenantContext.current();
    const filter = this.getFilter();
    // Never merged into the caller's filter (a merge keeps the caller's tenantId): a filter that
    // names a tenant itself is ANDed with ours, so naming another tenant finds nothing.
    this.setQuery(
      'tenantId' in filter ? { $and: [filter, { tenantId }] } : { ...filter, tenantId },
    );
  });

  schema.pre('aggregate', function () {
    if (TenantContext.isUnscoped()) return;
    const ours = { tenantId: TenantContext.current() };
    const pipeline = this.pipeline();
    const first = pipeline[0];
    // One $match with the pipeline's own, so that a database serves both from one index.
    if (first && '$match' in first) pipeline[0] = { $match: { $and: [first.$match, ours] } };
    else pipeline.unshift({ $match: ours });
  });

  schema.pre('validate', function () {
    if (!this.isNew || TenantContext.isUnscoped()) return;
    const tenantId = TenantContext.current();
    const given = this.get('tenantId') as string | undefined;
    if (given && given !== tenantId)
      throw new Error('a document cannot be created for another tenant');
    this.set('tenantId', tenantId);
  });

  schema.pre('insertMany', function (next: () => void, docs: Record<string, unknown>[]) {
    if (!TenantContext.isUnscoped()) {
      const tenantId = TenantContext.current();
      for (const doc of docs) doc.tenantId = tenantId;
    }
    next();
  });
}

function mentionsTenantId(update: Record<string, unknown>): boolean {
  return Object.entries(update).some(([key, value]) =>
    key === 'tenantId'
      ? true
      : key.startsWith('$') && typeof value === 'object' && value !== null && 'tenantId' in value,
  );
}

/**
 * A tenant-scoped document by `_id`, or null when it is missing or another tenant's. The query
 * is `{ _id }` alone and the tenant is checked on the result: FerretDB v1 uses an index only for
 * a filter that is exactly `{ _id: value }`, so the plugin's added `tenantId` would turn every
 * lookup into a scan of the collection. For the hot paths; everything else goes through the
 * plugin.
 */
export async function findOwnById<T extends { tenantId: string }>(
  model: Model<T>,
  id: string,
): Promise<T | null> {
  const tenantId = TenantContext.current();
  const found = (await TenantContext.unscoped('by _id; the tenant is checked on the result', () =>
    model.findById(id).lean().exec(),
  )) as T | null;
  return found?.tenantId === tenantId ? found : null;
}

/**
 * Updates a document the caller read (with `findOwnById`), by `_id` alone for the same reason;
 * refused unless it is the tenant in context's.
 */
export async function updateOwn<T extends { tenantId: string }>(
  model: Model<T>,
  document: { id: string; tenantId: string },
  update: UpdateQuery<T>,
): Promise<void> {
  if (document.tenantId !== TenantContext.current())
    throw new Error('a document of another tenant cannot be updated');
  if (mentionsTenantId(update as Record<string, unknown>))
    throw new Error('tenantId cannot be changed');
  await TenantContext.unscoped('by _id; the caller read it as its own', () =>
    model.updateOne({ _id: document.id }, update).exec(),
  );
}
