import { asFieldName, fromFieldName } from './field-names';

/**
 * The counters of a day, each named `<kind>|<chatbot>|<…>` with ids as field names:
 *
 * - `created|<bot>|<hour>`, `closed|<bot>|<hour>|<reason>`, `messages|<bot>|<hour>|<sender>`
 *   (sender `visitor`, `system` or `agent:<id>`): by hour, for series and hours of the day;
 * - `category|<bot>|<category>`, `assigned|<bot>|<agent>`, `resolved|<bot>|<agent>`: by day;
 * - `firstResponse|<bot>|<agent>|<bucket>`, `resolution|<bot>|<bucket>`: duration histograms
 *   (see durations.ts), by day;
 * - `slaOutcome|<bot>|<target>|<met|missed>|<team>|<agent>|<category>` when a conversation with an
 *   SLA closes, `slaBreach|<bot>|<target>|<team>|<agent>|<category>` when a target is breached
 *   (empty: none), by day;
 * - `label|<bot>|<label>|<added|removed>` when an agent puts a label on a conversation or takes
 *   it off (or a deleted label leaves it), by day.
 * - `csat|<bot>|<rating>|<agent>|<team>`: conversations whose latest rating is this, on the day
 *   of that rating (a replacement takes one off the replaced rating's counter, on its day).
 */
export type CounterKind =
  | 'created'
  | 'closed'
  | 'messages'
  | 'category'
  | 'assigned'
  | 'resolved'
  | 'firstResponse'
  | 'resolution'
  | 'slaOutcome'
  | 'slaBreach'
  | 'label'
  | 'csat';

export function counterName(kind: CounterKind, chatbotId: string, ...rest: Array<string | number>) {
  return [kind, asFieldName(chatbotId), ...rest.map((part) => asFieldName(String(part)))].join('|');
}

export interface Counter {
  kind: CounterKind;
  chatbotId: string;
  /** The name's parts after the chatbot, decoded. */
  rest: string[];
  count: number;
}

export function parseCounter(name: string, count: number): Counter {
  const [kind, chatbot, ...rest] = name.split('|');
  return {
    kind: kind as CounterKind,
    chatbotId: fromFieldName(chatbot),
    rest: rest.map(fromFieldName),
    count,
  };
}
