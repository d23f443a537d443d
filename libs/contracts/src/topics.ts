import { deadLetterTopic } from './define-event';
import { ALL_EVENTS } from './events';

/** Every topic a Parley deployment needs: each event's topic and its dead-letter topic. */
export function allTopics(): string[] {
  return ALL_EVENTS.flatMap((event) => [event.topic, deadLetterTopic(event.topic)]).sort();
}
