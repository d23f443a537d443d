import { type Db, type Document, type Filter } from 'mongodb';
import {
  type IndexedDocument,
  messageDocument,
  type MessageSource,
  noteDocument,
  type NoteSource,
  roomDocument,
  type RoomSource,
} from './search-documents';
import { SearchIndex } from './search-index';

const BATCH = 1000;

export interface ReindexOutcome {
  index: string;
  previous: string | null;
  rooms: number;
  messages: number;
  notes: number;
  refused: string[];
}

/**
 * Rebuilds the search index from the database (after an index was lost, or to change its
 * mapping): every tenant's conversations, messages and notes go into a new index, then the
 * write alias and every tenant's alias move to it in one step and the old index is dropped.
 * Searches answer from the old index until the move. What was written or changed while the copy
 * ran is copied again after the move, so nothing the indexer wrote to the old index is lost.
 */
export class SearchReindexer {
  constructor(
    private readonly index: SearchIndex,
    private readonly db: Db,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async rebuild(): Promise<ReindexOutcome> {
    const started = new Date();
    const previous = await this.index.currentIndex().catch(() => null);
    const target = nextIndexName(this.index.writeAlias, previous);
    await this.index.createIndex(target, { aliasAsWriter: false });
    const outcome: ReindexOutcome = {
      index: target,
      previous,
      rooms: 0,
      messages: 0,
      notes: 0,
      refused: [],
    };
    const tenants = await this.copy({}, target, outcome);
    // Made searchable before searches move to it: the first after the move finds everything.
    await this.index.client.indices.refresh({ index: target });
    await this.index.moveAliases(previous, target, tenants);
    this.log(`aliases moved to ${target}`);
    // Written to the old index between the copy and the move.
    const since = new Date(started.getTime() - 60_000);
    const lateTenants = await this.copy(
      { rooms: { updatedAt: { $gte: since } }, messages: { createdAt: { $gte: since } } },
      target,
      { ...outcome },
    );
    for (const tenantId of lateTenants) await this.index.ensureTenantAlias(tenantId, target);
    if (previous) await this.index.client.indices.delete({ index: previous }, { ignore: [404] });
    return outcome;
  }

  /** Copies what the filters select; answers the tenants met. */
  private async copy(
    filters: { rooms?: Filter<Document>; messages?: Filter<Document> },
    target: string,
    outcome: ReindexOutcome,
  ): Promise<Set<string>> {
    const tenants = new Set<string>();
    const contactNames = await this.contactNames();
    const sources = [
      {
        collection: 'rooms',
        filter: filters.rooms ?? {},
        toDocument: (source: Document) =>
          roomDocument(
            source as RoomSource,
            contactNames.get(`${source.tenantId}:${(source as RoomSource).visitor.email}`),
          ),
        count: (n: number) => (outcome.rooms += n),
      },
      {
        collection: 'messages',
        filter: filters.messages ?? {},
        toDocument: (source: Document) => messageDocument(source as MessageSource),
        count: (n: number) => (outcome.messages += n),
      },
      {
        collection: 'notes',
        filter: filters.messages ?? {},
        toDocument: (source: Document) => noteDocument(source as NoteSource),
        count: (n: number) => (outcome.notes += n),
      },
    ];
    for (const source of sources) {
      let batch: IndexedDocument[] = [];
      const flush = async () => {
        const { refused } = await this.index.write(batch, { index: target });
        outcome.refused.push(...refused);
        source.count(batch.length);
        batch = [];
      };
      for await (const row of this.db.collection(source.collection).find(source.filter)) {
        tenants.add(row.tenantId as string);
        const document = source.toDocument(row);
        if (document) batch.push(document);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      this.log(`${source.collection}: copied`);
    }
    return tenants;
  }

  /** The names agents gave contacts, by `<tenant>:<email>`. */
  private async contactNames(): Promise<Map<string, string>> {
    const named = this.db
      .collection('contacts')
      .find({ nameSetBy: { $ne: null } }, { projection: { tenantId: 1, email: 1, name: 1 } });
    const names = new Map<string, string>();
    for await (const contact of named)
      names.set(`${contact.tenantId}:${contact.email}`, contact.name as string);
    return names;
  }
}

/** `<alias>-<n + 1>` after `<alias>-<n>`. */
export function nextIndexName(alias: string, current: string | null): string {
  const number = current ? Number(/-(\d+)$/.exec(current)?.[1] ?? 0) : 0;
  return `${alias}-${number + 1}`;
}
