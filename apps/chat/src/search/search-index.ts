import { type OpensearchConfig } from '@app/config';
import { Client, type Types } from '@opensearch-project/opensearch';
import { type IndexedDocument } from './search-documents';

/** How the index analyses text: words split by Unicode rules, lower-cased, accents folded. */
const ANALYSIS: Types.Indices_Common.IndexSettingsAnalysis = {
  analyzer: {
    folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
  },
  normalizer: { folded: { type: 'custom', filter: ['lowercase', 'asciifolding'] } },
};

const keyword = { type: 'keyword' } as const;
const text = { type: 'text', analyzer: 'folded' } as const;

const MAPPINGS: Types.Common_Mapping.TypeMapping = {
  // A field nobody declared is refused, so a typo cannot grow the mapping unnoticed.
  dynamic: 'strict',
  _routing: { required: true },
  properties: {
    docId: keyword,
    kind: keyword,
    relation: { type: 'join', relations: { room: ['message', 'note'] } },
    tenantId: keyword,
    roomId: keyword,
    displayId: { type: 'integer' },
    chatbotId: keyword,
    visitorName: text,
    contactName: text,
    visitorEmail: { ...text, fields: { exact: { type: 'keyword', normalizer: 'folded' } } },
    status: keyword,
    agentId: keyword,
    previousAgentId: keyword,
    teamId: keyword,
    category: keyword,
    priority: keyword,
    labels: keyword,
    csat: { type: 'byte' },
    sourceId: keyword,
    authorKind: keyword,
    authorId: keyword,
    body: text,
    at: { type: 'date' },
  },
};

const DELETE_PAGE = 1000;

/** Failures worth another try (the engine is busy or down); anything else is the document's. */
const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The conversation search index on OpenSearch. One physical index (`<prefix>-<n>`) holds every
 * tenant, written through the alias `<prefix>`; each tenant is read through its own filtered
 * alias, so a query made for one tenant cannot see another's documents whatever it asks.
 */
export class SearchIndex {
  readonly client: Client;
  readonly writeAlias: string;
  private ready?: Promise<void>;
  private readonly tenantsAliased = new Set<string>();

  constructor(private readonly config: OpensearchConfig) {
    this.client = new Client({ node: config.OPENSEARCH_URL, requestTimeout: 10_000 });
    this.writeAlias = config.SEARCH_INDEX_PREFIX;
  }

  /** The alias a tenant's searches read: its name is the tenant id hex-encoded (names are lower-case). */
  tenantAlias(tenantId: string): string {
    return `${this.writeAlias}-t-${Buffer.from(tenantId).toString('hex')}`;
  }

  /** Makes the first index and its write alias, once; a failure is tried again next call. */
  async ensureReady(): Promise<void> {
    this.ready ??= this.createFirstIndex().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createFirstIndex(): Promise<void> {
    const { body: exists } = await this.client.indices.existsAlias({ name: this.writeAlias });
    if (!exists) return this.createIndex(`${this.writeAlias}-1`, { aliasAsWriter: true });
    // Fields added since the index was made (a field's change needs `npm run search:reindex`).
    await this.client.indices.putMapping({
      index: await this.currentIndex(),
      body: { properties: MAPPINGS.properties },
    });
  }

  async createIndex(index: string, options: { aliasAsWriter: boolean }): Promise<void> {
    await this.client.indices
      .create({
        index,
        body: {
          settings: {
            number_of_shards: this.config.SEARCH_INDEX_SHARDS,
            number_of_replicas: this.config.SEARCH_INDEX_REPLICAS,
            analysis: ANALYSIS,
          },
          mappings: MAPPINGS,
          ...(options.aliasAsWriter ? { aliases: { [this.writeAlias]: {} } } : {}),
        },
      })
      .catch((error: { meta?: { body?: { error?: { type?: string } } } }) => {
        // Another replica made it first: the same index.
        if (error.meta?.body?.error?.type !== 'resource_already_exists_exception') throw error;
      });
  }

  /** The physical index the write alias points at. */
  async currentIndex(): Promise<string> {
    const { body } = await this.client.indices.getAlias({ name: this.writeAlias });
    const [index] = Object.keys(body);
    if (!index) throw new Error(`search alias ${this.writeAlias} points nowhere`);
    return index;
  }

  async ensureTenantAlias(tenantId: string, index?: string): Promise<void> {
    if (!index && this.tenantsAliased.has(tenantId)) return;
    await this.client.indices.putAlias({
      // An alias is put on an index, not on another alias.
      index: index ?? (await this.currentIndex()),
      name: this.tenantAlias(tenantId),
      body: { filter: { term: { tenantId } } },
    });
    if (!index) this.tenantsAliased.add(tenantId);
  }

  /**
   * Points the write alias and the tenants' aliases at `target` instead of `previous`, all in
   * one step, so a search never finds a tenant without its alias.
   */
  async moveAliases(previous: string | null, target: string, tenants: Set<string>): Promise<void> {
    const known = previous
      ? Object.keys(
          (await this.client.indices.getAlias({ index: previous })).body[previous]?.aliases ?? {},
        )
      : [];
    const tenantIds = new Set(tenants);
    const prefix = `${this.writeAlias}-t-`;
    for (const alias of known) {
      if (alias.startsWith(prefix))
        tenantIds.add(Buffer.from(alias.slice(prefix.length), 'hex').toString());
    }
    const actions: object[] = [{ add: { index: target, alias: this.writeAlias } }];
    for (const tenantId of tenantIds) {
      actions.push({
        add: { index: target, alias: this.tenantAlias(tenantId), filter: { term: { tenantId } } },
      });
    }
    if (previous) actions.push({ remove: { index: previous, alias: '*' } });
    await this.client.indices.updateAliases({ body: { actions } });
  }

  /**
   * Writes the documents (a document already there is replaced). Throws when any failed for a
   * reason another try may cure, so the batch is tried again; a document refused for itself is
   * reported and left out, since no retry would take it.
   */
  async write(
    documents: IndexedDocument[],
    options: { index?: string } = {},
  ): Promise<{ refused: string[] }> {
    if (documents.length === 0) return { refused: [] };
    const index = options.index ?? this.writeAlias;
    const operations = documents.flatMap((document) => [
      { index: { _index: index, _id: document.id, routing: document.routing } },
      document.body,
    ]);
    const { body } = await this.client.bulk({ body: operations });
    if (!body.errors) return { refused: [] };
    const refused: string[] = [];
    for (const item of body.items) {
      const outcome = item.index;
      if (!outcome?.error) continue;
      if (RETRIABLE_STATUS.has(outcome.status))
        throw new Error(`search index busy or down: ${outcome.status} ${outcome.error.type}`);
      refused.push(`${outcome._id}: ${outcome.error.type} ${outcome.error.reason ?? ''}`);
    }
    return { refused };
  }

  /**
   * Removes conversations and everything of them, a page of documents at a time (the engine as
   * assembled here has no delete-by-query: that is the reindex module's).
   */
  async deleteRooms(roomIds: string[]): Promise<void> {
    if (roomIds.length === 0) return;
    for (;;) {
      const { body } = await this.client.search({
        index: this.writeAlias,
        routing: roomIds,
        body: {
          size: DELETE_PAGE,
          _source: false,
          query: { terms: { roomId: roomIds } },
        },
      });
      const hits = body.hits.hits;
      if (hits.length === 0) return;
      const { body: outcome } = await this.client.bulk({
        refresh: true,
        body: hits.map((hit) => ({
          delete: { _index: hit._index, _id: hit._id, routing: hit._routing },
        })),
      });
      const failed = outcome.items.find((item) => item.delete?.error && item.delete.status !== 404);
      if (failed) throw new Error(`search index refused a deletion: ${failed.delete?.status}`);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
