/**
 * The queries every tenant-scoped list makes (equalities on an index's leading fields, a sort on
 * its next ones, a limit, a cursor), against the MongoDB-protocol server the stack runs. The
 * embedded FerretDB serves them through its indexes (infra/ferretdb/patches); whatever it
 * serves them with, the answers must be MongoDB's: the same documents in the same order, also
 * where a field holds an array or a sort field mixes types, which the index alone would get
 * wrong.
 */
import { type Collection, type Document, MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';

const TENANTS = ['t1', 't2', 't3'];
const START = Date.UTC(2026, 10, 1);

interface Row {
  _id: string;
  tenantId: unknown;
  status: string;
  rank: number;
  createdAt: unknown;
}

let client: MongoClient;
let database: string;
let rows: Collection<Row>;
let all: Row[];

/** MongoDB's order of the values these documents hold: missing < numbers < strings < dates. */
function sortValue(value: unknown): [number, number | string] {
  if (value === undefined || value === null) return [0, 0];
  if (typeof value === 'number') return [1, value];
  if (typeof value === 'string') return [2, value];
  if (value instanceof Date) return [3, value.getTime()];
  throw new Error(`no order for ${JSON.stringify(value)}`);
}

function compare(sort: Record<string, 1 | -1>) {
  return (a: Row, b: Row): number => {
    for (const [field, direction] of Object.entries(sort)) {
      const [typeA, valueA] = sortValue(a[field as keyof Row]);
      const [typeB, valueB] = sortValue(b[field as keyof Row]);
      const order = typeA - typeB || (valueA < valueB ? -1 : valueA > valueB ? 1 : 0);
      if (order) return order * direction;
    }
    return 0;
  };
}

/** MongoDB's equality: the value itself, or an array holding it. */
const equals = (field: unknown, value: string) =>
  field === value || (Array.isArray(field) && field.includes(value));

async function ids(filter: Document, sort: Record<string, 1 | -1>, limit: number) {
  const found = await rows.find(filter).sort(sort).limit(limit).toArray();
  return found.map((row) => row._id);
}

function expected(match: (row: Row) => boolean, sort: Record<string, 1 | -1>, limit: number) {
  return all
    .filter(match)
    .sort(compare(sort))
    .slice(0, limit)
    .map((row) => row._id);
}

beforeAll(async () => {
  client = await MongoClient.connect(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
  database = `test_queries_${randomUUID().slice(0, 8)}`;
  rows = client.db(database).collection<Row>('rows');
  await rows.createIndex({ tenantId: 1, createdAt: -1, _id: -1 });
  await rows.createIndex({ tenantId: 1, status: 1, rank: -1, createdAt: 1, _id: 1 });
  all = Array.from({ length: 1500 }, (_, index) => ({
    _id: `r${String(index).padStart(5, '0')}`,
    tenantId: TENANTS[index % 3],
    status: index % 4 === 0 ? 'queued' : 'closed',
    rank: index % 3,
    // Several rows share a time, so that ties go by id.
    createdAt: new Date(START + Math.floor(index / 3) * 60_000),
  }));
  await rows.insertMany(all);
});

afterAll(async () => {
  await client.db(database).dropDatabase();
  await client.close();
});

describe('a list read through an index', () => {
  it('answers newest first, page after page, as MongoDB does', async () => {
    const sort = { createdAt: -1, _id: -1 } as const;
    for (const tenantId of TENANTS) {
      const pages: string[][] = [];
      let after: Row | undefined;
      for (let page = 0; page < 4; page += 1) {
        const before = after;
        const filter = before
          ? {
              tenantId,
              $and: [
                {
                  $or: [
                    { createdAt: { $lt: before.createdAt } },
                    { createdAt: before.createdAt, _id: { $lt: before._id } },
                  ],
                },
              ],
            }
          : { tenantId };
        const got = await ids(filter, sort, 25);
        const want = expected(
          (row) => row.tenantId === tenantId && (!before || compare(sort)(row, before) > 0),
          sort,
          25,
        );
        expect(got).toEqual(want);
        pages.push(got);
        after = all.find((row) => row._id === got.at(-1));
      }
      expect(new Set(pages.flat()).size).toBe(100);
    }
  });

  it('answers a queue, most urgent then oldest first, with equalities inside $and', async () => {
    const sort = { rank: -1, createdAt: 1, _id: 1 } as const;
    const got = await ids({ $and: [{ status: 'queued' }], tenantId: 't2' }, sort, 30);
    expect(got).toEqual(
      expected((row) => row.tenantId === 't2' && row.status === 'queued', sort, 30),
    );
    expect(got).toHaveLength(30);
  });

  it('finds nothing for a tenant with no rows, and counts a tenant exactly', async () => {
    expect(await ids({ tenantId: 'nobody' }, { createdAt: -1, _id: -1 }, 20)).toEqual([]);
    expect(await rows.countDocuments({ tenantId: 't3', status: 'queued' })).toBe(
      all.filter((row) => row.tenantId === 't3' && row.status === 'queued').length,
    );
  });

  it('still matches a row whose equality field is an array holding the value', async () => {
    const shared: Row = {
      _id: 'shared',
      tenantId: ['t1', 't9'],
      status: 'queued',
      rank: 2,
      createdAt: new Date(START + 10 * 86_400_000),
    };
    await rows.insertOne(shared);
    try {
      all.push(shared);
      const sort = { createdAt: -1, _id: -1 } as const;
      const got = await ids({ tenantId: 't1' }, sort, 10);
      expect(got[0]).toBe('shared');
      expect(got).toEqual(expected((row) => equals(row.tenantId, 't1'), sort, 10));
    } finally {
      all.pop();
      await rows.deleteOne({ _id: 'shared' });
    }
  });

  it('sorts a field that mixes numbers, strings and dates in MongoDB’s type order', async () => {
    const odd: Row[] = [
      { _id: 'number', tenantId: 't2', status: 'closed', rank: 0, createdAt: 7 },
      { _id: 'string', tenantId: 't2', status: 'closed', rank: 0, createdAt: 'yesterday' },
      { _id: 'missing', tenantId: 't2', status: 'closed', rank: 0, createdAt: undefined },
    ];
    await rows.insertMany(
      odd.map(({ createdAt, ...row }) =>
        createdAt === undefined ? row : { ...row, createdAt },
      ) as Row[],
    );
    try {
      all.push(...odd);
      for (const direction of [1, -1] as const) {
        const sort = { createdAt: direction, _id: direction };
        expect(await ids({ tenantId: 't2' }, sort, 8)).toEqual(
          expected((row) => row.tenantId === 't2', sort, 8),
        );
      }
    } finally {
      all.splice(-odd.length);
      await rows.deleteMany({ _id: { $in: odd.map((row) => row._id) } });
    }
  });
});
