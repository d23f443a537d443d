import { findOwnById, forTenant, MissingTenantError, tenantScopedPlugin } from '@app/tenancy';
import { type Connection, type Model, Types } from 'mongoose';
import { type BaseServiceConfig, type ServiceDefinition } from '@app/platform';
import { startTestService, type TestService, uniqueSuffix } from './test-service';

/** Model name → why its documents are not scoped to a tenant. */
export type UnscopedModels = Record<string, string>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any model of the service
type AnyModel = Model<any>;
type Id = string | Types.ObjectId;
interface Planted {
  model: AnyModel;
  a: Id;
  b: Id;
  tenantA: string;
  tenantB: string;
}

const MARK = 'isolationMark';

/**
 * A service's whole isolation spec: starts it against the real infrastructure and runs
 * {@link describeTenantIsolation} on its database.
 */
export function describeServiceIsolation<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  unscoped: UnscopedModels,
): void {
  describe(`${definition.name}’s database, tenant by tenant`, () => {
    let service: TestService<C>;
    beforeAll(async () => {
      service = await startTestService(definition);
    });
    afterAll(() => service?.close());
    describeTenantIsolation(() => service, unscoped);
  });
}

/**
 * The one isolation check of a service that owns a database, declared inside the caller's
 * `describe`: every model registered on the service's connection carries the tenant-scoped
 * plugin or is in `unscoped` with its reason, and for each scoped model tenant B can neither
 * read, change, delete nor take over tenant A's documents, whatever the filter, and nothing is
 * touched outside a tenant scope. Documents are planted through the driver, fresh ones for each
 * check, so a check is about the plugin and not about what the service happens to store.
 */
export function describeTenantIsolation(
  service: () => { db: Connection },
  unscoped: UnscopedModels,
): void {
  describe('tenant isolation of every collection', () => {
    const allModels = (): AnyModel[] =>
      service()
        .db.modelNames()
        .map((name) => service().db.model(name));
    const scopedModels = () => allModels().filter(isTenantScoped);

    /** Runs `check` for each scoped model, on a document of tenant A and one of tenant B. */
    async function forEachScopedModel<T>(
      check: (planted: Planted) => Promise<T>,
    ): Promise<Record<string, T>> {
      const outcomes: Record<string, T> = {};
      for (const model of scopedModels())
        outcomes[model.modelName] = await check(await plant(model));
      return outcomes;
    }

    const expectEveryModel = (outcomes: Record<string, unknown>, expected: unknown) => {
      expect(Object.keys(outcomes).length).toBeGreaterThan(0);
      expect(outcomes).toEqual(
        Object.fromEntries(Object.keys(outcomes).map((name) => [name, expected])),
      );
    };

    it('scopes every model to its tenant, or names why not', () => {
      const notScoped = allModels()
        .filter((model) => !isTenantScoped(model))
        .map((model) => model.modelName);
      expect(notScoped.sort()).toEqual(Object.keys(unscoped).sort());
      for (const reason of Object.values(unscoped)) expect(reason.trim()).not.toBe('');
    });

    it('refuses any query made outside a tenant scope', async () => {
      const outcomes = await forEachScopedModel(({ model }) =>
        settleAll({
          find: () => model.find().exec(),
          countDocuments: () => model.countDocuments().exec(),
          aggregate: () => model.aggregate([{ $match: {} }]).exec(),
          updateMany: () => model.updateMany({}, { $set: { [MARK]: 'changed' } }).exec(),
          deleteMany: () => model.deleteMany({}).exec(),
        }),
      );
      expectEveryModel(outcomes, {
        find: 'refused',
        countDocuments: 'refused',
        aggregate: 'refused',
        updateMany: 'refused',
        deleteMany: 'refused',
      });
    });

    it("shows a tenant its own documents and none of another tenant's, whatever the filter", async () => {
      const outcomes = await forEachScopedModel(({ model, a, b, tenantA, tenantB }) =>
        forTenant(tenantB, 'the check acts as tenant B', async () => {
          const ids = (documents: { _id: Id }[]) => documents.map(({ _id }) => String(_id));
          return {
            own: String((await model.findOne({ _id: b }).lean<{ _id: Id }>().exec())?._id),
            all: ids(await model.find().lean<{ _id: Id }[]>().exec()),
            byTenant: ids(await model.find({ tenantId: tenantA }).lean<{ _id: Id }[]>().exec()),
            byIdOrTenant: ids(
              await model
                .find({ $or: [{ _id: a }, { tenantId: tenantA }] })
                .lean<{ _id: Id }[]>()
                .exec(),
            ),
            byId: await model.findOne({ _id: a }).lean().exec(),
            ownById: await findOwnById(model, String(a)),
            counted: await model.countDocuments({ _id: a }).exec(),
            aggregated: await model.aggregate([{ $match: { _id: a } }]).exec(),
            distinct: await model.distinct('_id', { tenantId: tenantA }).exec(),
          };
        }).then((seen) => ({ ...seen, own: seen.own === String(b) })),
      );
      expectEveryModel(outcomes, {
        own: true,
        all: [expect.any(String)],
        byTenant: [],
        byIdOrTenant: [],
        byId: null,
        ownById: null,
        counted: 0,
        aggregated: [],
        distinct: [],
      });
    });

    it("lets no tenant change another tenant's documents", async () => {
      const outcomes = await forEachScopedModel(async ({ model, a, b, tenantB }) => {
        const set = { $set: { [MARK]: 'changed by B' } };
        const attempts = await forTenant(tenantB, 'the check acts as tenant B', async () => ({
          updateOne: (await model.updateOne({ _id: a }, set, { strict: false }).exec())
            .matchedCount,
          findOneAndUpdate: await model
            .findOneAndUpdate({ _id: a }, set, { strict: false })
            .lean()
            .exec(),
          replaceOne: (
            await model
              .replaceOne({ _id: a }, { [MARK]: 'replaced by B' }, { strict: false })
              .exec()
          ).matchedCount,
          updateMany: (await model.updateMany({}, set, { strict: false }).exec()).matchedCount,
        }));
        return { ...attempts, a: await markOf(model, a), b: await markOf(model, b) };
      });
      expectEveryModel(outcomes, {
        updateOne: 0,
        findOneAndUpdate: null,
        replaceOne: 0,
        updateMany: 1,
        a: 'planted',
        b: 'changed by B',
      });
    });

    it("lets no tenant delete another tenant's documents", async () => {
      const outcomes = await forEachScopedModel(async ({ model, a, b, tenantA, tenantB }) => {
        const attempts = await forTenant(tenantB, 'the check acts as tenant B', async () => ({
          deleteOne: (await model.deleteOne({ _id: a }).exec()).deletedCount,
          findOneAndDelete: await model.findOneAndDelete({ _id: a }).lean().exec(),
          deleteByTenant: (await model.deleteMany({ tenantId: tenantA }).exec()).deletedCount,
          deleteMany: (await model.deleteMany({}).exec()).deletedCount,
        }));
        return { ...attempts, a: await markOf(model, a), b: await markOf(model, b) };
      });
      expectEveryModel(outcomes, {
        deleteOne: 0,
        findOneAndDelete: null,
        deleteByTenant: 0,
        deleteMany: 1,
        a: 'planted',
        b: undefined,
      });
    });

    it('refuses to move a document to another tenant or to create one for it', async () => {
      const outcomes = await forEachScopedModel(({ model, a, b, tenantA, tenantB }) =>
        forTenant(tenantB, 'the check acts as tenant B', () =>
          settleAll({
            updateMany: () => model.updateMany({}, { $set: { tenantId: tenantA } }).exec(),
            updateOne: () => model.updateOne({ _id: b }, { tenantId: tenantA }).exec(),
            create: () => new model({ _id: idLike(model), tenantId: tenantA }).validate(),
          }),
        ).then(async (attempts) => ({ ...attempts, a: (await tenantOf(model, a)) === tenantA })),
      );
      expectEveryModel(outcomes, {
        updateMany: 'tenantId cannot be changed',
        updateOne: 'tenantId cannot be changed',
        create: 'a document cannot be created for another tenant',
        a: true,
      });
    });
  });
}

function isTenantScoped(model: AnyModel): boolean {
  const { plugins } = model.schema as unknown as { plugins: { fn: unknown }[] };
  return plugins.some(({ fn }) => fn === tenantScopedPlugin);
}

/**
 * A document of a fresh tenant A and one of a fresh tenant B, inserted through the driver
 * (no plugin, no validation). Fields of unique indexes get values of their own, so planted
 * documents never collide with each other.
 */
async function plant(model: AnyModel): Promise<Planted> {
  const suffix = uniqueSuffix();
  const [tenantA, tenantB] = [`isolation-a-${suffix}`, `isolation-b-${suffix}`];
  const document = (tenantId: string) => {
    const fields: Record<string, unknown> = { _id: idLike(model), tenantId, [MARK]: 'planted' };
    for (const [keys, options] of model.schema.indexes())
      if (options.unique)
        for (const path of Object.keys(keys))
          if (!(path in fields)) setPath(fields, path, `isolation-${uniqueSuffix()}`);
    return fields;
  };
  const [a, b] = [document(tenantA), document(tenantB)];
  await model.collection.insertMany([a, b]);
  return { model, a: a._id as Id, b: b._id as Id, tenantA, tenantB };
}

function idLike(model: AnyModel): Id {
  return model.schema.path('_id')?.instance === 'ObjectId'
    ? new Types.ObjectId()
    : `isolation-${uniqueSuffix()}`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) target[head] = value;
  else setPath((target[head] ??= {}) as Record<string, unknown>, rest.join('.'), value);
}

/** A planted document's mark as stored (undefined once deleted), read past the plugin. */
async function markOf(model: AnyModel, id: Id): Promise<unknown> {
  return (await model.collection.findOne({ _id: id as never }))?.[MARK];
}

async function tenantOf(model: AnyModel, id: Id): Promise<unknown> {
  return (await model.collection.findOne({ _id: id as never }))?.tenantId;
}

/** Each attempt's outcome: 'done', 'refused' (no tenant in context) or the error's message. */
async function settleAll(
  attempts: Record<string, () => Promise<unknown>>,
): Promise<Record<string, string>> {
  const outcomes: Record<string, string> = {};
  for (const [name, attempt] of Object.entries(attempts))
    outcomes[name] = await attempt().then(
      () => 'done',
      (error: Error) => (error instanceof MissingTenantError ? 'refused' : error.message),
    );
  return outcomes;
}

/** libs/messaging's model in every service that consumes events. */
export const UNSCOPED_CONSUMER_MODELS: UnscopedModels = {
  ProcessedEvent:
    'a mark `<handler>:<event id>` that an event was handled, holding no tenant data; the sweeper forgets old marks of every tenant at once',
};

/** libs/messaging's models in a service whose outbox is in its database. */
export const UNSCOPED_OUTBOX_MODELS: UnscopedModels = {
  OutboxRow:
    'events published together, of any tenants, in one row; the relay sends every row in order, for all tenants',
  OutboxLease:
    'which relay replica sends the outbox in a time window: the service’s, not a tenant’s',
};
