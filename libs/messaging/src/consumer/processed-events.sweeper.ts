import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ProcessedEventsRepository } from './processed-events.repository';

/** Kafka keeps messages for 7 days by default; a mark older than that can never be needed. */
const KEEP_MARKS_MS = 8 * 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class ProcessedEventsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessedEventsSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly processed: ProcessedEventsRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      return await this.processed.forgetOlderThan(new Date(now.getTime() - KEEP_MARKS_MS));
    } catch (error) {
      this.logger.warn(`sweeping processed-event marks failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
