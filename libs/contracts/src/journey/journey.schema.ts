import { z } from 'zod';
import { type PreChatForm } from '../chatbot';
import { roomPrioritySchema } from '../events/chat.v1';
import {
  exitsOf,
  type Journey,
  JOURNEY_LIMITS,
  JOURNEY_NODE_ID,
  type JourneyNode,
  type JourneyQuestion,
  journeyIssues,
} from './journey-graph';

const nodeId = z.string().regex(JOURNEY_NODE_ID, 'lowercase letters, digits and _ (at most 40)');
const next = nodeId.optional();

const optionSchema = z.strictObject({
  value: z.string().trim().min(1).max(JOURNEY_LIMITS.option),
  next,
});

const questionSchema = z.strictObject({
  id: nodeId,
  type: z.enum(['single-choice', 'multiple-choice', 'short-text', 'email', 'number', 'image']),
  label: z.string().trim().min(1).max(JOURNEY_LIMITS.label),
  required: z.boolean().default(false),
  options: z.array(optionSchema).max(JOURNEY_LIMITS.options).optional(),
  next,
  category: z.boolean().optional(),
});

const ruleSchema = z.strictObject({
  nodeId,
  kind: z.enum(['equals', 'one-of', 'contains', 'between']),
  value: z.string().max(JOURNEY_LIMITS.option).optional(),
  values: z.array(z.string().max(JOURNEY_LIMITS.option)).max(JOURNEY_LIMITS.ruleValues).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  next,
});

const conditionSchema = z.strictObject({
  id: nodeId,
  type: z.literal('condition'),
  rules: z.array(ruleSchema).min(1).max(JOURNEY_LIMITS.rules),
  otherwise: next,
});

const endSchema = z.strictObject({
  id: nodeId,
  type: z.literal('end'),
  category: z.string().min(1).max(64).nullable().optional(),
  priority: roomPrioritySchema.optional(),
  teamId: z.string().min(1).max(64).nullable().optional(),
  firstMessage: z.string().trim().max(JOURNEY_LIMITS.firstMessage).nullable().optional(),
});

const nodeSchema = z.discriminatedUnion('type', [conditionSchema, endSchema, questionSchema]);

/** A journey's graph, checked as a whole: each issue is reported at `nodes.<id>`. */
function soundGraph<T extends { startNodeId: string; nodes: JourneyNode[] }>(
  journey: T,
  context: z.RefinementCtx,
): void {
  for (const issue of journeyIssues(journey))
    context.addIssue({
      code: 'custom',
      path: issue.nodeId === null ? ['startNodeId'] : ['nodes', issue.nodeId],
      message: issue.message,
    });
}

const graphFields = {
  startNodeId: nodeId,
  nodes: z.array(nodeSchema).min(1).max(JOURNEY_LIMITS.nodes),
};

/** A stored or announced journey, with the version the tenant service gave it. */
export const journeySchema = z
  .strictObject({ version: z.number().int().min(1), ...graphFields })
  .superRefine(soundGraph) satisfies z.ZodType<Journey>;

/**
 * A journey as an admin saves it. `version` may be sent back as it was read and is ignored: each
 * save is numbered by the server.
 */
export const journeyInputSchema = z
  .strictObject({ version: z.number().int().optional(), ...graphFields })
  .superRefine(soundGraph)
  .transform(({ startNodeId, nodes }) => ({ startNodeId, nodes }));

export type JourneyInput = z.output<typeof journeyInputSchema>;

/**
 * Today's flat pre-chat form as a linear journey, nothing lost: the same ids, labels, required
 * flags, options and category question, one after the other, then an end node.
 */
export function journeyFromPreChatForm(form: PreChatForm, version = 1): Journey {
  const ids = new Set(form.fields.map((field) => field.id));
  let endId = 'end';
  for (let suffix = 1; ids.has(endId); suffix++) endId = `end_${suffix}`;
  const nodes: JourneyNode[] = form.fields.map((field, index): JourneyQuestion => {
    const following = form.fields[index + 1]?.id ?? endId;
    return {
      id: field.id,
      type: field.type === 'text' ? 'short-text' : field.type,
      label: field.label,
      required: field.required,
      ...(field.options
        ? {
            options: field.options.map((value) =>
              field.type === 'single-choice' ? { value, next: following } : { value },
            ),
          }
        : {}),
      ...(field.type !== 'single-choice' || !field.required ? { next: following } : {}),
      ...(field.category ? { category: true } : {}),
    };
  });
  nodes.push({ id: endId, type: 'end' });
  return { version, startNodeId: form.fields[0]?.id ?? endId, nodes };
}

/**
 * The flat pre-chat form a linear journey amounts to, for consumers from before journeys (the
 * chatbot events keep carrying it while they may still run); undefined when the journey
 * branches, or asks or decides what a flat form cannot say.
 */
export function preChatFormOf(journey: Journey): PreChatForm | undefined {
  const byId = new Map(journey.nodes.map((node) => [node.id, node]));
  const fields: PreChatForm['fields'] = [];
  let node = byId.get(journey.startNodeId);
  while (node && node.type !== 'end' && fields.length < journey.nodes.length) {
    if (node.type === 'condition' || node.type === 'number' || node.type === 'image')
      return undefined;
    const ways = new Set(exitsOf(node).map((exit) => exit.next));
    if (ways.size !== 1) return undefined;
    fields.push({
      id: node.id,
      label: node.label,
      type: node.type === 'short-text' ? 'text' : node.type,
      required: node.required,
      ...(node.options ? { options: node.options.map((option) => option.value) } : {}),
      ...(node.category ? { category: true } : {}),
    });
    node = byId.get([...ways][0] ?? '');
  }
  const plainEnd =
    node?.type === 'end' && !node.category && !node.priority && !node.teamId && !node.firstMessage;
  return plainEnd ? { fields } : undefined;
}
