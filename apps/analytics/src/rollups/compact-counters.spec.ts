import { type Counter } from './counter-names';
import { compactCounters, countersOfCompact } from './compact-counters';

describe('compact counters', () => {
  const counters: Counter[] = [
    { kind: 'closed', chatbotId: 'bot-a', rest: ['13', 'resolved'], count: 5 },
    { kind: 'closed', chatbotId: 'bot-a', rest: ['13', 'abandoned'], count: 2 },
    { kind: 'created', chatbotId: 'bot-a', rest: ['9'], count: 3 },
    { kind: 'messages', chatbotId: 'bot-b', rest: ['', 'agent:ag-1'], count: 7 },
    // Ids may hold any character, the separators and the escape included.
    { kind: 'category', chatbotId: 'bot|=%:,\nodd', rest: ['a,b:c=d|e%f\ng'], count: 1 },
  ];

  it('reads back exactly the counters it wrote, whatever characters their ids hold', () => {
    expect(countersOfCompact(compactCounters(counters))).toEqual(counters);
    expect(countersOfCompact(compactCounters([]))).toEqual([]);
  });

  it('writes counters that differ in their last part on one line', () => {
    expect(compactCounters(counters.slice(0, 3))).toBe(
      'closed|bot-a|13=resolved:5,abandoned:2\ncreated|bot-a=9:3',
    );
  });
});
