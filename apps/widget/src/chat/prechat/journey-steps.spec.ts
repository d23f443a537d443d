import {
  emptyJourney,
  type JourneyNode,
  type JourneyQuestion,
  walkJourney,
} from '@app/contracts/journey/journey-graph';
import { branchingJourney } from '@app/contracts/journey/journey-example';
import { firstQuestion, onTheWay, questionAfter } from './journey-steps';

describe('walking a journey in the widget', () => {
  const journey = branchingJourney();
  const question = (id: string) =>
    journey.nodes.find((node: JourneyNode) => node.id === id) as JourneyQuestion;

  it('asks the first question, and nothing when the journey asks nothing', () => {
    expect(firstQuestion(journey, {})?.id).toBe('topic');
    expect(firstQuestion(emptyJourney(), {})).toBeNull();
  });

  it('follows the option picked, passing conditions silently, to the end', () => {
    expect(questionAfter(journey, question('topic'), { topic: 'Billing' })?.id).toBe('amount');
    expect(questionAfter(journey, question('topic'), { topic: 'Technical' })?.id).toBe('devices');
    expect(questionAfter(journey, question('topic'), { topic: 'Other' })).toBeNull();
    expect(
      questionAfter(journey, question('devices'), { topic: 'Technical', devices: ['Phone'] })?.id,
    ).toBe('screenshot');
    expect(
      questionAfter(journey, question('devices'), { topic: 'Technical', devices: ['Laptop'] }),
    ).toBeNull();
  });

  it('sends only the answers on the way, which the server then accepts', () => {
    // Billing and an amount, then back to Technical: the amount stays in the form, unsent.
    const answers = { topic: 'Technical', amount: '30', devices: ['Laptop'], name: ' ' };
    const sent = onTheWay(['topic', 'devices'], answers);
    expect(sent).toEqual({ topic: 'Technical', devices: ['Laptop'] });
    expect(walkJourney(journey, sent)).toMatchObject({ ok: true });
    expect(walkJourney(journey, answers)).toMatchObject({ ok: false, nodeId: 'amount' });
  });
});
