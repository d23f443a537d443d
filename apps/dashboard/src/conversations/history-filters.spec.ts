import { filtersFrom, historyQuery, searchQuery } from './history-filters';

describe('the Conversations page’s query', () => {
  it('asks for the chosen days, the last one included, and the agent’s own with “mine”', () => {
    const filters = filtersFrom(
      new URLSearchParams('status=closed&from=2026-11-30&to=2026-12-31&mine=1&priority=urgent'),
    );
    expect(historyQuery(filters, 'agent-1')).toEqual({
      limit: 50,
      status: 'closed',
      priority: 'urgent',
      from: '2026-11-30',
      to: '2027-01-01',
      agentId: 'agent-1',
    });
  });

  it('narrows to a label', () => {
    expect(historyQuery(filtersFrom(new URLSearchParams('label=label-1')), 'agent-1')).toEqual({
      limit: 50,
      label: 'label-1',
    });
  });

  it('leaves out what is not chosen', () => {
    expect(historyQuery(filtersFrom(new URLSearchParams('')), 'agent-1')).toEqual({ limit: 50 });
  });

  it('searches with the words, best match first unless newest is chosen, within the filters', () => {
    const filters = filtersFrom(new URLSearchParams('q=refund bike&status=closed'));
    expect(searchQuery(filters, 'agent-1')).toEqual({
      limit: 50,
      status: 'closed',
      q: 'refund bike',
      sort: 'relevance',
    });
    expect(
      searchQuery(filtersFrom(new URLSearchParams('q=refund&sort=date')), 'agent-1'),
    ).toMatchObject({ sort: 'date' });
  });
});
