/**
 * A chatbot's journey: the questions a visitor answers before a chat, as a graph where the next
 * question may depend on the answers. Free of zod so the widget and the dashboard can bundle it:
 * the same checks run in the editor, on save (tenant) and on a session's answers (chat).
 */

export const JOURNEY_NODE_ID = /^[a-z][a-z0-9_]{0,39}$/;
export const JOURNEY_LIMITS = {
  nodes: 50,
  label: 200,
  options: 20,
  option: 100,
  rules: 20,
  ruleValues: 20,
  firstMessage: 1000,
  textAnswer: 2000,
} as const;

export const JOURNEY_QUESTION_KINDS = [
  'single-choice',
  'multiple-choice',
  'short-text',
  'email',
  'number',
  'image',
] as const;
export type JourneyQuestionKind = (typeof JOURNEY_QUESTION_KINDS)[number];

export const JOURNEY_RULE_KINDS = ['equals', 'one-of', 'contains', 'between'] as const;
export type JourneyRuleKind = (typeof JOURNEY_RULE_KINDS)[number];

export type JourneyPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface JourneyOption {
  /** Shown to the visitor and sent back as the answer. */
  value: string;
  /** Where a visitor who picks this option goes (single choice only). */
  next?: string;
}

export interface JourneyQuestion {
  id: string;
  type: JourneyQuestionKind;
  label: string;
  required: boolean;
  options?: JourneyOption[];
  /**
   * The way on: for a single-choice question only when it is skipped (each option has its own);
   * for every other kind, whatever the answer (branch on it with a condition node).
   */
  next?: string;
  /** Forms from before journeys: the answer to this single-choice question is the category. */
  category?: boolean;
}

export interface JourneyRule {
  /** The earlier question whose answer is tested. */
  nodeId: string;
  kind: JourneyRuleKind;
  /** `equals`, `contains`. */
  value?: string;
  /** `one-of`. */
  values?: string[];
  /** `between` (inclusive; either bound may be left out). */
  min?: number;
  max?: number;
  next?: string;
}

export interface JourneyCondition {
  id: string;
  type: 'condition';
  /** Tried in order; the first that matches decides. */
  rules: JourneyRule[];
  otherwise?: string;
}

export interface JourneyEnd {
  id: string;
  type: 'end';
  /** A category id of the tenant's list. */
  category?: string | null;
  priority?: JourneyPriority;
  teamId?: string | null;
  /** Posted in the room as a system line when it opens. */
  firstMessage?: string | null;
}

export type JourneyNode = JourneyQuestion | JourneyCondition | JourneyEnd;

export interface Journey {
  /** Numbered by the tenant service on each save; a room records the one its visitor walked. */
  version: number;
  startNodeId: string;
  nodes: JourneyNode[];
}

export type JourneyAnswer = string | number | string[];
export type JourneyAnswers = Record<string, JourneyAnswer>;

export interface JourneyIssue {
  /** The node at fault, or null for the journey as a whole (its start). */
  nodeId: string | null;
  message: string;
}

export const isQuestion = (node: JourneyNode): node is JourneyQuestion =>
  node.type !== 'condition' && node.type !== 'end';
export const isChoice = (node: JourneyNode): node is JourneyQuestion =>
  node.type === 'single-choice' || node.type === 'multiple-choice';

/** The journey of a chatbot that asks nothing: the visitor goes straight to the chat. */
export function emptyJourney(version = 1): Journey {
  return { version, startNodeId: 'end', nodes: [{ id: 'end', type: 'end' }] };
}

/** Every way out of a node, with where in the node it is written (for messages). */
export function exitsOf(node: JourneyNode): { where: string; next: string | undefined }[] {
  if (node.type === 'end') return [];
  if (node.type === 'condition')
    return [
      ...node.rules.map((rule, index) => ({ where: `rule ${index + 1}`, next: rule.next })),
      { where: 'otherwise', next: node.otherwise },
    ];
  if (node.type === 'single-choice') {
    const options = (node.options ?? []).map((option) => ({
      where: `option "${option.value}"`,
      next: option.next,
    }));
    return node.required ? options : [...options, { where: 'skip', next: node.next }];
  }
  return [{ where: 'answer', next: node.next }];
}

/**
 * What is wrong with a journey's graph, each naming its node: a missing or unknown start,
 * duplicate ids, a way out with no next node or to no node, cycles, unreachable nodes, a
 * condition on a question not answered on every way to it. Empty: the journey is sound.
 */
export function journeyIssues(journey: Pick<Journey, 'startNodeId' | 'nodes'>): JourneyIssue[] {
  const issues: JourneyIssue[] = [];
  const byId = new Map<string, JourneyNode>();
  for (const node of journey.nodes) {
    if (byId.has(node.id)) issues.push({ nodeId: node.id, message: 'duplicate node id' });
    else byId.set(node.id, node);
  }
  if (!journey.startNodeId) issues.push({ nodeId: null, message: 'the journey has no start' });
  else if (!byId.has(journey.startNodeId))
    issues.push({ nodeId: null, message: `the start "${journey.startNodeId}" is no node` });

  for (const node of byId.values()) {
    for (const exit of exitsOf(node)) {
      if (!exit.next) issues.push({ nodeId: node.id, message: `${exit.where} has no next node` });
      else if (!byId.has(exit.next))
        issues.push({ nodeId: node.id, message: `${exit.where} leads to no node "${exit.next}"` });
    }
    if (isChoice(node) && (node.options ?? []).length === 0)
      issues.push({ nodeId: node.id, message: 'a choice needs options' });
    if (isChoice(node)) {
      const values = (node.options ?? []).map((option) => option.value);
      if (new Set(values).size !== values.length)
        issues.push({ nodeId: node.id, message: 'two options have the same text' });
    }
  }
  if (issues.length > 0 || !byId.has(journey.startNodeId)) return issues;

  const order = topologicalOrder(journey.startNodeId, byId);
  if ('cycleAt' in order) return [{ nodeId: order.cycleAt, message: 'is part of a cycle' }];
  const reachable = new Set(order.nodes);
  for (const node of byId.values())
    if (!reachable.has(node.id)) issues.push({ nodeId: node.id, message: 'no way leads here' });

  const answeredBefore = questionsOnEveryWay(order.nodes, byId);
  for (const node of byId.values()) {
    if (node.type !== 'condition' || !reachable.has(node.id)) continue;
    node.rules.forEach((rule, index) => {
      const tested = byId.get(rule.nodeId);
      if (!tested || !isQuestion(tested) || !answeredBefore.get(node.id)?.has(rule.nodeId))
        issues.push({
          nodeId: node.id,
          message: `rule ${index + 1} tests "${rule.nodeId}", not a question asked on every way here`,
        });
      else if (rule.kind === 'between' && tested.type !== 'number')
        issues.push({
          nodeId: node.id,
          message: `rule ${index + 1}: a range needs a number question`,
        });
      else if (rule.kind !== 'between' && tested.type === 'number')
        issues.push({
          nodeId: node.id,
          message: `rule ${index + 1}: a number is tested by a range`,
        });
    });
  }
  return issues;
}

/** The nodes reachable from the start, each after all that lead to it; or where a cycle is. */
function topologicalOrder(
  start: string,
  byId: Map<string, JourneyNode>,
): { nodes: string[] } | { cycleAt: string } {
  const state = new Map<string, 'open' | 'done'>();
  const finished: string[] = [];
  // Iterative depth-first search: a hostile journey cannot exhaust the stack (50 nodes anyway).
  const stack: { id: string; exits: string[] }[] = [];
  const enter = (id: string) => {
    state.set(id, 'open');
    const exits = exitsOf(byId.get(id)!).flatMap((exit) => (exit.next ? [exit.next] : []));
    stack.push({ id, exits });
  };
  enter(start);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const next = top.exits.shift();
    if (next === undefined) {
      state.set(top.id, 'done');
      finished.push(top.id);
      stack.pop();
    } else if (state.get(next) === 'open') return { cycleAt: next };
    else if (!state.has(next)) enter(next);
  }
  return { nodes: finished.reverse() };
}

/** For each node, the questions asked on every way from the start to it (before it). */
function questionsOnEveryWay(
  order: string[],
  byId: Map<string, JourneyNode>,
): Map<string, Set<string>> {
  const before = new Map<string, Set<string>>();
  for (const id of order) {
    const node = byId.get(id)!;
    const after = new Set(before.get(id) ?? []);
    if (isQuestion(node)) after.add(id);
    for (const next of new Set(exitsOf(node).flatMap((exit) => (exit.next ? [exit.next] : [])))) {
      const known = before.get(next);
      before.set(
        next,
        known ? new Set([...known].filter((question) => after.has(question))) : new Set(after),
      );
    }
  }
  if (order[0]) before.set(order[0], new Set());
  return before;
}

export type JourneyWalk =
  | {
      ok: true;
      path: string[];
      end: JourneyEnd;
      /** The answers on the way, numbers as text (as rooms and events keep them). */
      answers: Record<string, string | string[]>;
      category?: string;
    }
  | { ok: false; nodeId: string; message: string };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const isEmpty = (answer: JourneyAnswer | undefined): answer is undefined =>
  answer === undefined ||
  (Array.isArray(answer) ? answer.length === 0 : String(answer).trim() === '');

/** Why an answer does not fit its question, or null when it does. */
export function answerProblem(question: JourneyQuestion, answer: JourneyAnswer): string | null {
  const offered = (question.options ?? []).map((option) => option.value);
  switch (question.type) {
    case 'multiple-choice':
      if (!Array.isArray(answer)) return 'a list of options expected';
      return answer.every((value) => offered.includes(value))
        ? null
        : `one or more of ${offered.join(', ')}`;
    case 'single-choice':
      return typeof answer === 'string' && offered.includes(answer)
        ? null
        : `one of ${offered.join(', ')}`;
    case 'number':
      return Number.isFinite(typeof answer === 'string' ? Number(answer) : answer) &&
        !Array.isArray(answer)
        ? null
        : 'a number';
    case 'email':
      return typeof answer === 'string' && EMAIL.test(answer) ? null : 'an email address';
    case 'image':
      // The id of an upload the widget made before the session (`POST /widget/attachments`).
      return typeof answer === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(answer)
        ? null
        : 'the id of an uploaded image';
    case 'short-text':
      return typeof answer === 'string' && answer.length <= JOURNEY_LIMITS.textAnswer
        ? null
        : `a text of at most ${JOURNEY_LIMITS.textAnswer} characters`;
  }
}

/** Whether a condition rule holds for the answers given so far. */
export function ruleHolds(rule: JourneyRule, answers: JourneyAnswers): boolean {
  const answer = answers[rule.nodeId];
  if (isEmpty(answer)) return false;
  const values = Array.isArray(answer) ? answer : [String(answer)];
  switch (rule.kind) {
    case 'equals':
      return !Array.isArray(answer) && String(answer) === rule.value;
    case 'one-of':
      return values.some((value) => rule.values?.includes(value));
    case 'contains':
      return Array.isArray(answer)
        ? answer.includes(rule.value ?? '')
        : String(answer)
            .toLowerCase()
            .includes((rule.value ?? '').toLowerCase());
    case 'between': {
      const number = Number(answer);
      return (
        Number.isFinite(number) &&
        (rule.min === undefined || number >= rule.min) &&
        (rule.max === undefined || number <= rule.max)
      );
    }
  }
}

/** The node after `node` for these answers (an unanswered question: its skip way). */
export function nextNodeId(node: JourneyNode, answers: JourneyAnswers): string | undefined {
  if (node.type === 'end') return undefined;
  if (node.type === 'condition')
    return node.rules.find((rule) => ruleHolds(rule, answers))?.next ?? node.otherwise;
  const answer = answers[node.id];
  if (node.type === 'single-choice' && !isEmpty(answer))
    return node.options?.find((option) => option.value === answer)?.next;
  return node.next;
}

/**
 * From `nodeId`, passing through conditions, the next question to ask or the end reached, as a
 * visitor meets them (the widget and the editor's preview); null for a way that leads nowhere.
 */
export function stopFrom(
  journey: Pick<Journey, 'nodes'>,
  nodeId: string | undefined,
  answers: JourneyAnswers,
): JourneyQuestion | JourneyEnd | null {
  const byId = new Map(journey.nodes.map((node) => [node.id, node]));
  let node = nodeId === undefined ? undefined : byId.get(nodeId);
  // Bounded by the node count: a journey not yet checked may have a cycle (the editor's).
  for (let hops = 0; node && hops <= journey.nodes.length; hops++) {
    if (node.type !== 'condition') return node;
    const next = nextNodeId(node, answers);
    node = next === undefined ? undefined : byId.get(next);
  }
  return null;
}

/**
 * Walks a sound journey from its start with a visitor's answers. Refuses, naming the node, a
 * required question left out, an answer that does not fit its question, and an answer to a
 * question off the way the other answers lead. The category is the end node's, else (forms from
 * before journeys) the answer to the category question.
 */
export function walkJourney(journey: Journey, answers: JourneyAnswers): JourneyWalk {
  const byId = new Map(journey.nodes.map((node) => [node.id, node]));
  const path: string[] = [];
  const given: Record<string, string | string[]> = {};
  let legacyCategory: string | undefined;
  let node = byId.get(journey.startNodeId);
  // A sound journey has no cycle: the bound only guards against one that was never validated.
  while (node && path.length <= journey.nodes.length) {
    path.push(node.id);
    if (node.type === 'end') {
      for (const id of Object.keys(answers))
        if (!(id in given) && !isEmpty(answers[id]))
          return { ok: false, nodeId: id, message: 'not a question on the way of these answers' };
      const category = node.category ?? legacyCategory;
      return { ok: true, path, end: node, answers: given, ...(category ? { category } : {}) };
    }
    if (isQuestion(node)) {
      const answer = answers[node.id];
      if (isEmpty(answer)) {
        if (node.required) return { ok: false, nodeId: node.id, message: 'required' };
      } else {
        const problem = answerProblem(node, answer);
        if (problem) return { ok: false, nodeId: node.id, message: problem };
        given[node.id] = typeof answer === 'number' ? String(answer) : answer;
        if (node.category && typeof answer === 'string') legacyCategory = answer;
      }
    }
    const next = nextNodeId(node, given);
    node = next === undefined ? undefined : byId.get(next);
  }
  return {
    ok: false,
    nodeId: path[path.length - 1] ?? journey.startNodeId,
    message: 'leads nowhere',
  };
}
