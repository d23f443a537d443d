import { PeriodicTask } from '@app/scheduling';
import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ProcessedEventsRepository } from './processed-events.repository';

/** Kafka keeps messages for 7 days by default; a mark older than that can never be needed. */
const KEEP_MARKS_MS = 8 * 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class ProcessedEventsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask(
    'sweeping processed-event marks',
    SWEEP_EVERY_MS,
    async () => void (await this.sweep()),
  );

  constructor(private readonly processed: ProcessedEventsRepository) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Forgets the marks older than Kafka's retention; answers how many. */
  sweep(now = new Date()): Promise<number> {
    return this.processed.forgetOlderThan(new Date(now.getTime() - KEEP_MARKS_MS));
  }
}
