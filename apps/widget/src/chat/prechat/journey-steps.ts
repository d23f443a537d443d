import {
  isQuestion,
  type Journey,
  type JourneyAnswer,
  type JourneyQuestion,
  nextNodeId,
  stopFrom,
} from '@app/contracts/journey/journey-graph';

/**
 * Walking a journey one question at a time, as the chat service will check it: conditions are
 * passed through silently, and only the answers on the way taken are sent.
 */

/** Where the visitor goes from `nodeId`: the next question to ask, or the end (null). */
export function nextQuestion(
  journey: Journey,
  nodeId: string | undefined,
  answers: Record<string, JourneyAnswer>,
): JourneyQuestion | null {
  const stop = stopFrom(journey, nodeId, answers);
  return stop && isQuestion(stop) ? stop : null;
}

/** The first question, or null when the journey asks nothing. */
export const firstQuestion = (journey: Journey, answers: Record<string, JourneyAnswer>) =>
  nextQuestion(journey, journey.startNodeId, answers);

/** The question after `question` for the answers given (its option's way, or its own). */
export function questionAfter(
  journey: Journey,
  question: JourneyQuestion,
  answers: Record<string, JourneyAnswer>,
): JourneyQuestion | null {
  return nextQuestion(journey, nextNodeId(question, answers), answers);
}

export const isBlank = (answer: JourneyAnswer | undefined): answer is undefined =>
  answer === undefined ||
  (Array.isArray(answer) ? answer.length === 0 : String(answer).trim() === '');

/**
 * The answers to the questions on the way (`asked`), trimmed, blanks left out. Answers to
 * questions the visitor went back from stay in the form, but are not sent.
 */
export function onTheWay(
  asked: readonly string[],
  answers: Record<string, JourneyAnswer>,
): Record<string, JourneyAnswer> {
  const sent: Record<string, JourneyAnswer> = {};
  for (const id of asked) {
    const answer = answers[id];
    if (!isBlank(answer)) sent[id] = typeof answer === 'string' ? answer.trim() : answer;
  }
  return sent;
}
