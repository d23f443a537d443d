import { searchBody, searchCursor, searchCursorSchema, type SearchRequest } from './search-query';

const request = (overrides: Partial<SearchRequest> = {}): SearchRequest => ({
  text: 'invoice',
  sort: 'relevance',
  filter: {},
  audience: { supervisor: true, agentId: 'a1' },
  after: null,
  limit: 20,
  ...overrides,
});

const json = (value: unknown) => JSON.stringify(value);

describe('searchBody', () => {
  it('puts the words only into match queries, never a query-string parser', () => {
    const body = json(searchBody(request({ text: 'a AND b* field:x' })));
    expect(body).not.toMatch(/query_string|simple_query_string|wildcard|regexp/);
    expect(body).toContain('"query":"a AND b* field:x"');
  });

  it('joins messages to their conversation only when the conversation is narrowed', () => {
    expect(json(searchBody(request()))).not.toContain('has_parent');
    expect(json(searchBody(request({ filter: { status: ['closed'] } })))).toContain('has_parent');
    // An agent who is no supervisor sees only some conversations: always narrowed.
    const agent = searchBody(
      request({ audience: { supervisor: false, teamIds: ['t1'], agentId: 'a1' } }),
    );
    expect(json(agent)).toContain('has_parent');
    expect(json(agent)).toContain('"previousAgentId":"a1"');
  });

  it('reads `none` as a conversation without a team or category', () => {
    const body = json(searchBody(request({ filter: { teamId: 'none', category: 'c1' } })));
    expect(body).toContain('"must_not":{"exists":{"field":"teamId"}}');
    expect(body).toContain('"term":{"category":"c1"}');
  });

  it('asks for one result more than the page, to know whether another page follows', () => {
    expect(searchBody(request({ limit: 5 })).size).toBe(6);
    expect(searchBody(request({ after: [1.5, 10, 'message:x'] })).search_after).toEqual([
      1.5,
      10,
      'message:x',
    ]);
  });
});

describe('searchCursor', () => {
  it('reads back what it wrote, and refuses anything else', () => {
    const position = [2.25, 1796540000000, 'note:n1'];
    expect(searchCursorSchema.parse(searchCursor(position))).toEqual(position);
    for (const bad of ['x', searchCursor([]), Buffer.from('{"a":1}').toString('base64url')])
      expect(searchCursorSchema.safeParse(bad).success).toBe(false);
  });
});
