import { preChatFormSchema } from '../chatbot';
import {
  emptyJourney,
  type Journey,
  type JourneyCondition,
  type JourneyNode,
  type JourneyQuestion,
  journeyIssues,
  walkJourney,
} from './journey-graph';
import {
  journeyFromPreChatForm,
  journeyInputSchema,
  journeySchema,
  preChatFormOf,
} from './journey.schema';
import { branchingJourney } from './journey-example';

const withNodes = (change: (nodes: JourneyNode[]) => JourneyNode[]): Journey => {
  const journey = branchingJourney();
  return { ...journey, nodes: change(structuredClone(journey.nodes)) };
};
const node = <T extends JourneyNode>(nodes: JourneyNode[], id: string) =>
  nodes.find((candidate) => candidate.id === id) as T;

describe('journeyIssues', () => {
  it('finds nothing wrong with a sound branching journey, nor with the empty one', () => {
    expect(journeyIssues(branchingJourney())).toEqual([]);
    expect(journeyIssues(emptyJourney())).toEqual([]);
  });

  it('names the start when it is missing or no node', () => {
    expect(journeyIssues({ ...branchingJourney(), startNodeId: '' })).toEqual([
      { nodeId: null, message: 'the journey has no start' },
    ]);
    expect(journeyIssues({ ...branchingJourney(), startNodeId: 'nowhere' })).toEqual([
      { nodeId: null, message: 'the start "nowhere" is no node' },
    ]);
  });

  it('names a node no way leads to', () => {
    const journey = withNodes((nodes) => [...nodes, { id: 'orphan', type: 'end' }]);
    expect(journeyIssues(journey)).toEqual([{ nodeId: 'orphan', message: 'no way leads here' }]);
  });

  it('names a node on a cycle', () => {
    const journey = withNodes((nodes) => {
      node<JourneyQuestion>(nodes, 'amount').next = 'topic';
      return nodes;
    });
    expect(journeyIssues(journey)).toEqual([{ nodeId: 'topic', message: 'is part of a cycle' }]);
  });

  it('names an option, an answer, a rule or an otherwise with no next node', () => {
    const journey = withNodes((nodes) => {
      delete node<JourneyQuestion>(nodes, 'topic').options![1].next;
      delete node<JourneyQuestion>(nodes, 'screenshot').next;
      delete node<JourneyCondition>(nodes, 'by_amount').otherwise;
      delete node<JourneyCondition>(nodes, 'by_device').rules[0].next;
      return nodes;
    });
    expect(journeyIssues(journey)).toEqual([
      { nodeId: 'topic', message: 'option "Technical" has no next node' },
      { nodeId: 'by_amount', message: 'otherwise has no next node' },
      { nodeId: 'by_device', message: 'rule 1 has no next node' },
      { nodeId: 'screenshot', message: 'answer has no next node' },
    ]);
  });

  it('asks where an optional single choice goes when it is skipped', () => {
    const journey = withNodes((nodes) => {
      node<JourneyQuestion>(nodes, 'topic').required = false;
      return nodes;
    });
    expect(journeyIssues(journey)).toEqual([{ nodeId: 'topic', message: 'skip has no next node' }]);
  });

  it('names a way to a node that does not exist, and duplicate ids', () => {
    const journey = withNodes((nodes) => {
      node<JourneyQuestion>(nodes, 'amount').next = 'ghost';
      return [...nodes, { id: 'end_other', type: 'end' }];
    });
    expect(journeyIssues(journey)).toEqual([
      { nodeId: 'end_other', message: 'duplicate node id' },
      { nodeId: 'amount', message: 'answer leads to no node "ghost"' },
    ]);
  });

  it('names a condition on a question not asked on every way to it', () => {
    const journey = withNodes((nodes) => {
      node<JourneyCondition>(nodes, 'by_amount').rules[0].nodeId = 'devices';
      return nodes;
    });
    expect(journeyIssues(journey)).toEqual([
      {
        nodeId: 'by_amount',
        message: 'rule 1 tests "devices", not a question asked on every way here',
      },
    ]);
  });

  it('names a range on a question that is not a number', () => {
    const journey = withNodes((nodes) => {
      const rule = node<JourneyCondition>(nodes, 'by_device').rules[0];
      Object.assign(rule, { kind: 'between', min: 1 });
      return nodes;
    });
    expect(journeyIssues(journey)).toEqual([
      { nodeId: 'by_device', message: 'rule 1: a range needs a number question' },
    ]);
  });
});

describe('journeySchema', () => {
  it('reports each graph issue at nodes.<id>', () => {
    const result = journeySchema.safeParse(
      withNodes((nodes) => [...nodes, { id: 'orphan', type: 'end' }]),
    );
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['nodes', 'orphan'], message: 'no way leads here' }),
    ]);
  });

  it('refuses more than 50 nodes, and ids that are not lowercase words', () => {
    const many = Array.from({ length: 51 }, (_, index): JourneyNode => ({
      id: `end_${index}`,
      type: 'end',
    }));
    expect(
      journeyInputSchema.safeParse({ startNodeId: 'end_0', nodes: many }).error?.issues[0].path,
    ).toEqual(['nodes']);
    expect(
      journeyInputSchema.safeParse({ startNodeId: 'End', nodes: [{ id: 'End', type: 'end' }] })
        .success,
    ).toBe(false);
  });

  it('drops the version an admin sends back: the server numbers saves', () => {
    const { version, ...graph } = branchingJourney(7);
    expect(journeyInputSchema.parse({ ...graph, version })).toEqual(graph);
  });
});

describe('walkJourney', () => {
  const journey = branchingJourney();

  it('follows the option picked and the first condition that holds', () => {
    expect(walkJourney(journey, { topic: 'Billing', amount: '2500' })).toEqual({
      ok: true,
      path: ['topic', 'amount', 'by_amount', 'end_urgent'],
      end: node(journey.nodes, 'end_urgent'),
      answers: { topic: 'Billing', amount: '2500' },
      category: 'billing',
    });
    expect(walkJourney(journey, { topic: 'Billing', amount: 20 })).toMatchObject({
      ok: true,
      path: ['topic', 'amount', 'by_amount', 'end_billing'],
    });
  });

  it('tests each condition kind', () => {
    const endOf = (rule: object, answer: string | number | string[]) => {
      const walk = walkJourney(
        {
          version: 1,
          startNodeId: 'q',
          nodes: [
            {
              id: 'q',
              type: Array.isArray(answer)
                ? 'multiple-choice'
                : typeof answer === 'number'
                  ? 'number'
                  : 'short-text',
              label: 'Q',
              required: true,
              ...(Array.isArray(answer) ? { options: [{ value: 'a' }, { value: 'b' }] } : {}),
              next: 'c',
            },
            {
              id: 'c',
              type: 'condition',
              rules: [{ nodeId: 'q', next: 'yes', ...rule } as never],
              otherwise: 'no',
            },
            { id: 'yes', type: 'end' },
            { id: 'no', type: 'end' },
          ],
        },
        { q: answer },
      );
      return walk.ok ? walk.end.id : walk.message;
    };
    expect(endOf({ kind: 'equals', value: 'x' }, 'x')).toBe('yes');
    expect(endOf({ kind: 'equals', value: 'x' }, 'xy')).toBe('no');
    expect(endOf({ kind: 'one-of', values: ['x', 'y'] }, 'y')).toBe('yes');
    expect(endOf({ kind: 'one-of', values: ['x', 'y'] }, 'z')).toBe('no');
    expect(endOf({ kind: 'contains', value: 'Refund' }, 'I want a refund')).toBe('yes');
    expect(endOf({ kind: 'contains', value: 'b' }, ['a', 'b'])).toBe('yes');
    expect(endOf({ kind: 'contains', value: 'b' }, ['a'])).toBe('no');
    expect(endOf({ kind: 'between', min: 1, max: 10 }, 10)).toBe('yes');
    expect(endOf({ kind: 'between', min: 1, max: 10 }, 11)).toBe('no');
    expect(endOf({ kind: 'between', max: 0 }, -3)).toBe('yes');
  });

  it('goes back and forth: only the answers on the final way count', () => {
    // The visitor answered the amount, went back and chose Technical: the amount is dropped.
    expect(walkJourney(journey, { topic: 'Technical', devices: ['Laptop'] })).toMatchObject({
      ok: true,
      path: ['topic', 'devices', 'by_device', 'end_tech'],
    });
    expect(walkJourney(journey, { topic: 'Technical', devices: ['Laptop'], amount: '10' })).toEqual(
      { ok: false, nodeId: 'amount', message: 'not a question on the way of these answers' },
    );
  });

  it('lets an optional question be skipped, and names a required one left out', () => {
    expect(walkJourney(journey, { topic: 'Technical', devices: ['Phone'] })).toMatchObject({
      ok: true,
      path: ['topic', 'devices', 'by_device', 'screenshot', 'end_tech'],
    });
    expect(walkJourney(journey, { topic: 'Billing' })).toEqual({
      ok: false,
      nodeId: 'amount',
      message: 'required',
    });
    expect(walkJourney(journey, {})).toEqual({ ok: false, nodeId: 'topic', message: 'required' });
  });

  it('names an answer of the wrong kind or an option not offered', () => {
    expect(walkJourney(journey, { topic: 'Sales' })).toEqual({
      ok: false,
      nodeId: 'topic',
      message: 'one of Billing, Technical, Other',
    });
    expect(walkJourney(journey, { topic: 'Billing', amount: 'lots' })).toMatchObject({
      ok: false,
      nodeId: 'amount',
      message: 'a number',
    });
    expect(walkJourney(journey, { topic: 'Technical', devices: 'Phone' })).toMatchObject({
      ok: false,
      nodeId: 'devices',
    });
    expect(
      walkJourney(journey, { topic: 'Technical', devices: ['Phone'], screenshot: '../etc' }),
    ).toMatchObject({ ok: false, nodeId: 'screenshot', message: 'the id of an uploaded image' });
  });
});

describe('journeyFromPreChatForm', () => {
  const form = preChatFormSchema.parse({
    fields: [
      { id: 'order', label: 'Order number', type: 'text', required: true },
      {
        id: 'topic',
        label: 'Topic',
        type: 'single-choice',
        required: true,
        options: ['Billing', 'Shipping'],
        category: true,
      },
      { id: 'extras', label: 'Extras', type: 'multiple-choice', options: ['Gift wrap'] },
      { id: 'end', label: 'Backup email', type: 'email' },
    ],
  });

  it('keeps every question, in order, with its id, label, required flag and options', () => {
    const journey = journeyFromPreChatForm(form);
    expect(journeySchema.parse(journey)).toEqual({
      version: 1,
      startNodeId: 'order',
      nodes: [
        { id: 'order', type: 'short-text', label: 'Order number', required: true, next: 'topic' },
        {
          id: 'topic',
          type: 'single-choice',
          label: 'Topic',
          required: true,
          options: [
            { value: 'Billing', next: 'extras' },
            { value: 'Shipping', next: 'extras' },
          ],
          category: true,
        },
        {
          id: 'extras',
          type: 'multiple-choice',
          label: 'Extras',
          required: false,
          options: [{ value: 'Gift wrap' }],
          next: 'end',
        },
        { id: 'end', type: 'email', label: 'Backup email', required: false, next: 'end_1' },
        { id: 'end_1', type: 'end' },
      ],
    });
  });

  it('still takes the category from the old category question', () => {
    const walk = walkJourney(journeyFromPreChatForm(form), { order: 'A-1', topic: 'Shipping' });
    expect(walk).toMatchObject({ ok: true, category: 'Shipping' });
  });

  it('makes an empty form a journey that ends at once', () => {
    expect(journeyFromPreChatForm({ fields: [] })).toEqual(emptyJourney());
  });

  it('gives the flat form back from a linear journey, for consumers from before journeys', () => {
    expect(preChatFormOf(journeyFromPreChatForm(form))).toEqual(form);
    expect(preChatFormOf(emptyJourney())).toEqual({ fields: [] });
    expect(preChatFormOf(branchingJourney())).toBeUndefined();
    const decided = journeyFromPreChatForm(form);
    decided.nodes[decided.nodes.length - 1] = { id: 'end_1', type: 'end', priority: 'high' };
    expect(preChatFormOf(decided)).toBeUndefined();
  });
});
