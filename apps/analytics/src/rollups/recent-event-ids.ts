import { type EventEnvelope } from '@app/contracts';

/** Ids kept per topic partition: ten of the outbox relay's sends (500 events each). */
const KEPT_PER_PARTITION = 5000;

type Offsetted = { event: EventEnvelope; offset: string };

/**
 * The event ids a partition brought lately, with the offset each was counted at. The outbox
 * relay sends at least once: after Kafka fails mid-send it sends the batch again, so an event can
 * be in a partition twice, at two offsets. The rollups' offsets make a replayed batch count
 * nothing twice; these ids do the same for a repeated event. Kept in memory, for the few
 * seconds in which repeats arrive.
 */
export class RecentEventIds {
  private readonly partitions = new Map<string, Map<string, number>>();

  constructor(private readonly keptPerPartition = KEPT_PER_PARTITION) {}

  /** The batch without the events counted before at another offset (or earlier in the batch). */
  firstSeen<T extends Offsetted>(topic: string, partition: number, events: T[]): T[] {
    const counted = this.partitions.get(`${topic}:${partition}`);
    const inBatch = new Set<string>();
    return events.filter(({ event, offset }) => {
      const at = counted?.get(event.id);
      if ((at !== undefined && at !== Number(offset)) || inBatch.has(event.id)) return false;
      inBatch.add(event.id);
      return true;
    });
  }

  /** The batch's events are counted: their repeats at later offsets are not to be. */
  counted(topic: string, partition: number, events: Offsetted[]): void {
    const key = `${topic}:${partition}`;
    const counted = this.partitions.get(key) ?? new Map<string, number>();
    this.partitions.set(key, counted);
    for (const { event, offset } of events) {
      counted.delete(event.id);
      counted.set(event.id, Number(offset));
    }
    // A Map iterates in insertion order: the first keys are the oldest.
    for (const id of counted.keys()) {
      if (counted.size <= this.keptPerPartition) break;
      counted.delete(id);
    }
  }
}
