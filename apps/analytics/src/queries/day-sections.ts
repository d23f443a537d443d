import { type Counter, counterName } from '../rollups/counter-names';
import { type SummarySection } from '../rollups/day-summary.schema';

/**
 * A day's counters as each section of its summary keeps them (see day-summary.schema.ts), with
 * the dimensions its queries do not read summed away: `totals` without agents (the hourly series
 * counts agents' messages as one), `daily` without agents and without hours but the
 * conversations created (the overview's hours of the day), `agents` without hours.
 */
export function sectionsOf(counters: Counter[]): Record<SummarySection, Counter[]> {
  const sections = {
    daily: new Sums(),
    totals: new Sums(),
    agents: new Sums(),
    other: new Sums(),
  };
  for (const counter of counters) {
    const { kind, chatbotId, rest, count } = counter;
    switch (kind) {
      case 'messages': {
        const [hour, sender] = rest;
        const agent = sender.startsWith('agent:');
        sections.totals.add(kind, chatbotId, [hour, agent ? 'agent' : sender], count);
        sections.daily.add(kind, chatbotId, ['', agent ? 'agent' : sender], count);
        if (agent) sections.agents.add(kind, chatbotId, ['', sender], count);
        break;
      }
      case 'firstResponse':
        sections.totals.add(kind, chatbotId, ['', rest[1]], count);
        sections.daily.add(kind, chatbotId, ['', rest[1]], count);
        sections.agents.add(kind, chatbotId, rest, count);
        break;
      case 'closed':
        sections.totals.add(kind, chatbotId, rest, count);
        sections.daily.add(kind, chatbotId, ['', rest[1]], count);
        break;
      case 'created':
      case 'category':
      case 'resolution':
        sections.totals.add(kind, chatbotId, rest, count);
        sections.daily.add(kind, chatbotId, rest, count);
        break;
      case 'assigned':
      case 'resolved':
        sections.agents.add(kind, chatbotId, rest, count);
        break;
      default:
        sections.other.add(kind, chatbotId, rest, count);
    }
  }
  return {
    daily: sections.daily.counters(),
    totals: sections.totals.counters(),
    agents: sections.agents.counters(),
    other: sections.other.counters(),
  };
}

/** Counters summed by name. */
class Sums {
  private readonly byName = new Map<string, Counter>();

  add(kind: Counter['kind'], chatbotId: string, rest: string[], count: number): void {
    const name = counterName(kind, chatbotId, ...rest);
    const known = this.byName.get(name);
    if (known) known.count += count;
    else this.byName.set(name, { kind, chatbotId, rest, count });
  }

  counters(): Counter[] {
    return [...this.byName.values()];
  }
}
