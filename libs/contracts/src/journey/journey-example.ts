import { type Journey } from './journey-graph';

/** The category and team ids the example's ends send rooms to; null: none. */
export interface ExampleRouting {
  billing: string | null;
  technical: string | null;
  financeTeam: string | null;
  techTeam: string | null;
}

/** The ids docs/api.md shows: no workspace has them, so the tenant refuses to save them. */
const DOCUMENTED_ROUTING: ExampleRouting = {
  billing: 'billing',
  technical: 'technical',
  financeTeam: 'team_finance',
  techTeam: 'team_tech',
};

/** The example routing nowhere: for a workspace to pick its own categories and teams. */
export const NO_ROUTING: ExampleRouting = {
  billing: null,
  technical: null,
  financeTeam: null,
  techTeam: null,
};

/**
 * An example branching journey: the dashboard's editor offers it as a start, docs/api.md shows
 * it, and the tests walk it. billing questions ask an amount (large ones are urgent),
 * technical ones the devices (a phone asks for a screenshot), anything else ends at once.
 */
export function branchingJourney(
  version = 1,
  routing: ExampleRouting = DOCUMENTED_ROUTING,
): Journey {
  const routed = (category: string | null, teamId: string | null) => ({
    ...(category ? { category } : {}),
    ...(teamId ? { teamId } : {}),
  });
  return {
    version,
    startNodeId: 'topic',
    nodes: [
      {
        id: 'topic',
        type: 'single-choice',
        label: 'What is it about?',
        required: true,
        options: [
          { value: 'Billing', next: 'amount' },
          { value: 'Technical', next: 'devices' },
          { value: 'Other', next: 'end_other' },
        ],
      },
      { id: 'amount', type: 'number', label: 'Amount in euros', required: true, next: 'by_amount' },
      {
        id: 'by_amount',
        type: 'condition',
        rules: [{ nodeId: 'amount', kind: 'between', min: 1000, next: 'end_urgent' }],
        otherwise: 'end_billing',
      },
      {
        id: 'devices',
        type: 'multiple-choice',
        label: 'Which devices?',
        required: true,
        options: [{ value: 'Phone' }, { value: 'Laptop' }],
        next: 'by_device',
      },
      {
        id: 'by_device',
        type: 'condition',
        rules: [{ nodeId: 'devices', kind: 'contains', value: 'Phone', next: 'screenshot' }],
        otherwise: 'end_tech',
      },
      {
        id: 'screenshot',
        type: 'image',
        label: 'A screenshot, if you have one',
        required: false,
        next: 'end_tech',
      },
      {
        id: 'end_urgent',
        type: 'end',
        ...routed(routing.billing, routing.financeTeam),
        priority: 'urgent',
        firstMessage: 'A large amount: a billing specialist will take this.',
      },
      { id: 'end_billing', type: 'end', ...routed(routing.billing, null), priority: 'normal' },
      {
        id: 'end_tech',
        type: 'end',
        ...routed(routing.technical, routing.techTeam),
        priority: 'high',
      },
      { id: 'end_other', type: 'end' },
    ],
  };
}
