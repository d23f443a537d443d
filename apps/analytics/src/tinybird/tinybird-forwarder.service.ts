import { InjectConfig } from '@app/config';
import { ALL_EVENTS } from '@app/contracts';
import { EventBatchStream } from '@app/messaging';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type AnalyticsConfig } from '../analytics.config';
import { TinybirdSink } from './tinybird-sink';

/**
 * Streams every domain event to Tinybird when `TINYBIRD_TOKEN` is set, in a consumer group of
 * its own: the rollups never wait for Tinybird, and a batch's offsets are committed only once
 * Tinybird took it, so an outage delays events and loses none.
 */
@Injectable()
export class TinybirdForwarderService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TinybirdForwarderService.name);
  private readonly sink?: TinybirdSink;
  private readonly stream?: EventBatchStream;

  constructor(@InjectConfig() config: AnalyticsConfig) {
    if (!config.TINYBIRD_TOKEN) return;
    const sink = new TinybirdSink({
      url: config.TINYBIRD_URL,
      token: config.TINYBIRD_TOKEN,
      // The stream's own retry loop takes over after this, heartbeating and noticing a stop.
      giveUpAfterMs: 5000,
      onRetry: ({ attempt, delayMs, reason }) =>
        this.logger.warn(`Tinybird answered ${reason}; retry ${attempt} in ${delayMs} ms`),
    });
    this.sink = sink;
    this.stream = new EventBatchStream({
      name: 'tinybird',
      kafka: config,
      events: [...ALL_EVENTS],
      handle: async (batch) => {
        await sink.send(batch.events.map((streamed) => streamed.event));
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.stream?.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.sink?.stop();
    await this.stream?.stop();
  }
}
