import { Logger } from '@nestjs/common';
import mongoose, { type Aggregate, type Query, Schema } from 'mongoose';
import { asSystem, forTenant } from './acting-for';
import { MissingTenantError, TenantContext } from './tenant-context';
import { findOwnById, tenantScopedPlugin, updateOwn } from './tenant-scoped.plugin';

interface Note {
  _id: string;
  tenantId: string;
  text?: string;
}

// A connection that is never opened: every operation runs its middleware (the plugin), then
// waits for the connection and gives up after a millisecond. So a query that reaches the
// database fails with "buffering timed out", and anything else is what the plugin did.
const schema = new Schema<Note>({ _id: String, text: String }, { bufferTimeoutMS: 1 });
schema.plugin(tenantScopedPlugin);
const Notes = mongoose.createConnection().model<Note>('Note', schema);

const REACHED_DATABASE = /buffering timed out/;

/** Runs the query up to the database and answers the filter it would have sent there. */
async function filterSent(query: Pick<Query<unknown, unknown>, 'exec' | 'getFilter'>) {
  await expect(query.exec()).rejects.toThrow(REACHED_DATABASE);
  return query.getFilter();
}

async function pipelineSent(aggregate: Aggregate<unknown[]>): Promise<unknown[]> {
  await expect(aggregate.exec()).rejects.toThrow(REACHED_DATABASE);
  return aggregate.pipeline();
}

const inTenant = <T>(tenantId: string, fn: () => T): T => TenantContext.run(tenantId, fn);

// forTenant and asSystem log their reason at debug level.
beforeAll(() => Logger.overrideLogger(false));

describe('the tenant-scoped plugin', () => {
  it('gives a collection an index that starts with the tenant, unless it declares one', () => {
    const leading = (indexed: Schema) => indexed.indexes().map(([fields]) => Object.keys(fields));
    expect(leading(schema)).toEqual([['tenantId']]);

    const declared = new Schema({ _id: String, day: String });
    declared.plugin(tenantScopedPlugin);
    declared.index({ tenantId: 1, day: -1 });
    mongoose.createConnection().model('Day', declared);
    expect(leading(declared)).toEqual([['tenantId', 'day']]);
  });

  it('refuses to query, change, count or aggregate outside a tenant scope', async () => {
    await expect(Notes.find({ text: 'a' }).exec()).rejects.toThrow(MissingTenantError);
    await expect(Notes.findById('n1').exec()).rejects.toThrow(MissingTenantError);
    await expect(Notes.updateOne({ _id: 'n1' }, { text: 'b' }).exec()).rejects.toThrow(
      MissingTenantError,
    );
    await expect(Notes.deleteMany({}).exec()).rejects.toThrow(MissingTenantError);
    await expect(Notes.countDocuments().exec()).rejects.toThrow(MissingTenantError);
    await expect(Notes.aggregate([{ $match: {} }]).exec()).rejects.toThrow(MissingTenantError);
  });

  it('narrows every filter to the tenant in context', async () => {
    await inTenant('t1', async () => {
      expect(await filterSent(Notes.find({ text: 'a' }))).toEqual({ text: 'a', tenantId: 't1' });
      expect(await filterSent(Notes.findById('n1'))).toEqual({ _id: 'n1', tenantId: 't1' });
      expect(await filterSent(Notes.updateOne({ _id: 'n1' }, { text: 'b' }))).toEqual({
        _id: 'n1',
        tenantId: 't1',
      });
      expect(await filterSent(Notes.deleteMany({}))).toEqual({ tenantId: 't1' });
      expect(await filterSent(Notes.countDocuments())).toEqual({ tenantId: 't1' });
    });
  });

  it('keeps a filter that names another tenant apart from its own, so it finds nothing', async () => {
    const filter = await inTenant('t1', () => filterSent(Notes.find({ tenantId: 't2' })));
    expect(filter).toEqual({ $and: [{ tenantId: 't2' }, { tenantId: 't1' }] });
  });

  it('matches the tenant in context before every aggregation stage', async () => {
    const pipeline = await inTenant('t1', () =>
      pipelineSent(Notes.aggregate([{ $group: { _id: '$text' } }])),
    );
    expect(pipeline).toEqual([{ $match: { tenantId: 't1' } }, { $group: { _id: '$text' } }]);
  });

  it("joins the tenant to a pipeline's first $match, even one that names another tenant", async () => {
    const pipeline = await inTenant('t1', () =>
      pipelineSent(Notes.aggregate([{ $match: { tenantId: 't2', text: 'a' } }, { $count: 'n' }])),
    );
    expect(pipeline).toEqual([
      { $match: { $and: [{ tenantId: 't2', text: 'a' }, { tenantId: 't1' }] } },
      { $count: 'n' },
    ]);
  });

  it('refuses an update that touches tenantId, even across tenants', async () => {
    const updates = [{ tenantId: 't2' }, { $set: { tenantId: 't2' } }, { $unset: { tenantId: 1 } }];
    for (const update of updates) {
      await inTenant('t1', () =>
        expect(Notes.updateOne({ _id: 'n1' }, update).exec()).rejects.toThrow(
          'tenantId cannot be changed',
        ),
      );
      await asSystem('a test', () =>
        expect(Notes.updateMany({}, update).exec()).rejects.toThrow('tenantId cannot be changed'),
      );
    }
  });

  it('gives a new document the tenant in context and refuses one made for another tenant', async () => {
    const note = new Notes({ _id: 'n1', text: 'a' });
    await inTenant('t1', () => note.validate());
    expect(note.tenantId).toBe('t1');

    const foreign = new Notes({ _id: 'n2', tenantId: 't2' });
    await expect(inTenant('t1', () => foreign.validate())).rejects.toThrow(
      'a document cannot be created for another tenant',
    );
    await expect(new Notes({ _id: 'n3' }).validate()).rejects.toThrow(MissingTenantError);
  });

  it('stamps the tenant in context on every document of an insertMany, whatever it named', async () => {
    const documents: Partial<Note>[] = [{ _id: 'n1' }, { _id: 'n2', tenantId: 't2' }];
    await expect(inTenant('t1', () => Notes.insertMany(documents))).rejects.toThrow(
      REACHED_DATABASE,
    );
    expect(documents.map((document) => document.tenantId)).toEqual(['t1', 't1']);
  });

  it('lifts the scope inside asSystem, and forTenant sets it', async () => {
    await asSystem('a test', async () => {
      expect(await filterSent(Notes.find({ text: 'a' }))).toEqual({ text: 'a' });
      expect(await pipelineSent(Notes.aggregate([{ $match: {} }]))).toEqual([{ $match: {} }]);
      const named = new Notes({ _id: 'n1', tenantId: 't2' });
      await named.validate();
      expect(named.tenantId).toBe('t2');

      await forTenant('t3', 'a test', async () => {
        expect(await filterSent(Notes.find())).toEqual({ tenantId: 't3' });
      });
    });
  });
});

describe('reading and updating by _id alone', () => {
  it('refuses to look a document up outside a tenant scope', async () => {
    await expect(findOwnById(Notes, 'n1')).rejects.toThrow(MissingTenantError);
  });

  it('refuses to update another tenant’s document, or its tenantId', async () => {
    await inTenant('t1', async () => {
      await expect(updateOwn(Notes, { id: 'n1', tenantId: 't2' }, { text: 'b' })).rejects.toThrow(
        'a document of another tenant cannot be updated',
      );
      await expect(
        updateOwn(Notes, { id: 'n1', tenantId: 't1' }, { $set: { tenantId: 't2' } }),
      ).rejects.toThrow('tenantId cannot be changed');
    });
    await expect(updateOwn(Notes, { id: 'n1', tenantId: 't1' }, { text: 'b' })).rejects.toThrow(
      MissingTenantError,
    );
  });

  it('sends an update of the caller’s own document on to the database', async () => {
    await inTenant('t1', () =>
      expect(updateOwn(Notes, { id: 'n1', tenantId: 't1' }, { text: 'b' })).rejects.toThrow(
        REACHED_DATABASE,
      ),
    );
  });
});
