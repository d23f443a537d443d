import { branchingJourney, NO_ROUTING } from '@app/contracts/journey/journey-example';
import {
  isQuestion,
  type Journey,
  JOURNEY_LIMITS,
  JOURNEY_NODE_ID,
  type JourneyNode,
  journeyIssues,
} from '@app/contracts/journey/journey-graph';

/** A node being edited, with a key that keeps React's rows stable while nodes move. */
export interface DraftNode {
  key: string;
  /** Until the admin edits the id, a question's id follows its label. */
  idTouched: boolean;
  node: JourneyNode;
}

/** The journey as the editor holds it: its nodes in the admin's order, and where it starts. */
export interface JourneyDraft {
  startNodeId: string;
  nodes: DraftNode[];
}

export type NodeKind = JourneyNode['type'];

export const NODE_KINDS: { value: NodeKind; label: string }[] = [
  { value: 'single-choice', label: 'Single choice' },
  { value: 'multiple-choice', label: 'Multiple choice' },
  { value: 'short-text', label: 'Short text' },
  { value: 'email', label: 'Email' },
  { value: 'number', label: 'Number' },
  { value: 'image', label: 'Image upload' },
  { value: 'condition', label: 'Condition' },
  { value: 'end', label: 'End' },
];

let nextKey = 0;
const newKey = () => `node-${++nextKey}`;

export function draftOf(journey: Journey): JourneyDraft {
  return {
    startNodeId: journey.startNodeId,
    nodes: journey.nodes.map((node) => ({ key: newKey(), idTouched: true, node })),
  };
}

/**
 * The example journey to start from. Its documented ends name categories and teams of no
 * workspace: they are left for the admin to pick from their own.
 */
export function exampleDraft(): JourneyDraft {
  return draftOf(branchingJourney(1, NO_ROUTING));
}

export function journeyOf(draft: JourneyDraft): Pick<Journey, 'startNodeId' | 'nodes'> {
  return { startNodeId: draft.startNodeId, nodes: draft.nodes.map((entry) => entry.node) };
}

/** "What is your order number?" → "what_is_your_order_number", fit for the API's id rule. */
export function idFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const lettered = /^[a-z]/.test(slug) ? slug : `q_${slug}`.replace(/_+$/, '');
  return lettered.slice(0, 40).replace(/_+$/, '') || 'question';
}

/** An id no node has yet: `base`, else `base_2`, `base_3`… */
export function freeId(draft: JourneyDraft, base: string, except?: string): string {
  const taken = new Set(draft.nodes.map((entry) => entry.node.id).filter((id) => id !== except));
  let id = base;
  for (let suffix = 2; taken.has(id); suffix++) id = `${base.slice(0, 36)}_${suffix}`;
  return id;
}

/** A node of a kind, keeping what carries over (id, label, required, options, ways on). */
export function nodeOfKind(kind: NodeKind, from: JourneyNode): JourneyNode {
  const next = 'next' in from ? from.next : undefined;
  if (kind === 'end') return { id: from.id, type: 'end' };
  if (kind === 'condition') return { id: from.id, type: 'condition', rules: [], otherwise: next };
  const question = isQuestion(from) ? from : undefined;
  const choice = kind === 'single-choice' || kind === 'multiple-choice';
  return {
    id: from.id,
    type: kind,
    label: question?.label ?? '',
    required: question?.required ?? false,
    ...(choice
      ? {
          options: (question?.options ?? [{ value: '' }, { value: '' }]).map((option) => ({
            value: option.value,
            ...(kind === 'single-choice' ? { next: option.next ?? next } : {}),
          })),
        }
      : {}),
    next,
  };
}

export function newNode(draft: JourneyDraft, kind: NodeKind): DraftNode {
  const id = freeId(draft, kind === 'end' ? 'end' : kind === 'condition' ? 'check' : 'question');
  return {
    key: newKey(),
    idTouched: kind === 'end' || kind === 'condition',
    node: nodeOfKind(kind, { id, type: 'end' }),
  };
}

/** The draft with a node renamed, and every way to it following. */
export function renamed(draft: JourneyDraft, from: string, to: string): JourneyDraft {
  const follow = (id: string | undefined) => (id === from ? to : id);
  const nodes = draft.nodes.map((original): DraftNode => {
    const entry =
      original.node.id === from ? { ...original, node: { ...original.node, id: to } } : original;
    const node = entry.node;
    if (node.type === 'end') return entry;
    if (node.type === 'condition')
      return {
        ...entry,
        node: {
          ...node,
          rules: node.rules.map((rule) => ({
            ...rule,
            nodeId: follow(rule.nodeId)!,
            next: follow(rule.next),
          })),
          otherwise: follow(node.otherwise),
        },
      };
    return {
      ...entry,
      node: {
        ...node,
        next: follow(node.next),
        options: node.options?.map((option) => ({ ...option, next: follow(option.next) })),
      },
    };
  });
  return { startNodeId: follow(draft.startNodeId)!, nodes };
}

/**
 * What is wrong, per node id (null: the start), in the words of the same checks the server
 * makes, plus what the API's schema would refuse (an empty label, a bad id, an empty option).
 */
export function problemsOf(draft: JourneyDraft): Map<string | null, string[]> {
  const problems = new Map<string | null, string[]>();
  const add = (nodeId: string | null, message: string) =>
    problems.set(nodeId, [...(problems.get(nodeId) ?? []), message]);
  if (draft.nodes.length > JOURNEY_LIMITS.nodes)
    add(null, `At most ${JOURNEY_LIMITS.nodes} steps.`);
  for (const { node } of draft.nodes) {
    if (!JOURNEY_NODE_ID.test(node.id))
      add(node.id, 'The id takes lowercase letters, digits and _, starting with a letter.');
    if (isQuestion(node) && !node.label.trim()) add(node.id, 'Write the question.');
    if (isQuestion(node) && node.options?.some((option) => !option.value.trim()))
      add(node.id, 'Every option needs a text.');
    if (node.type === 'condition' && node.rules.length === 0)
      add(node.id, 'Add at least one rule.');
  }
  for (const issue of journeyIssues(journeyOf(draft))) add(issue.nodeId, `${issue.message}.`);
  return problems;
}

/** Where each node may lead: every node but itself, by id and what it is. */
export function targetsFor(draft: JourneyDraft, self: string) {
  return [
    { value: '', label: 'Choose…' },
    ...draft.nodes
      .filter((entry) => entry.node.id !== self)
      .map(({ node }) => ({ value: node.id, label: describe(node) })),
  ];
}

export function describe(node: JourneyNode): string {
  if (node.type === 'end') return `${node.id} (end)`;
  if (node.type === 'condition') return `${node.id} (condition)`;
  return `${node.id}: ${node.label || '(no question yet)'}`;
}
