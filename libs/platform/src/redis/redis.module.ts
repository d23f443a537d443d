import { type RedisConfig } from '@app/config';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import Redis from 'ioredis';
import { RedisLocks } from './redis-locks';
import { REDIS } from './redis.token';

export { REDIS };

/** Redis answers when PING does, within the time a health probe may take. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(key = 'redis') {
    const indicator = this.indicators.check(key);
    try {
      await this.redis.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // QUIT goes out at once, auto-pipelined commands on the next turn of the event loop: let
    // those leave first, so that they are answered rather than cut off.
    await new Promise((resolve) => setImmediate(resolve));
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The service's shared Redis connection, reconnecting by itself. */
@Module({})
export class RedisModule {
  static forRoot(config: RedisConfig): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(config.REDIS_URL, {
              // Fail commands fast while Redis is away instead of queueing them for ever.
              maxRetriesPerRequest: 2,
              connectTimeout: 2000,
              commandTimeout: 2000,
              retryStrategy: (times) => Math.min(times * 200, 2000),
              // Commands issued in the same tick leave in one write: under load a message's
              // Redis commands share system calls with the others in flight.
              enableAutoPipelining: true,
            }),
        },
        RedisHealthIndicator,
        RedisCloser,
        RedisLocks,
      ],
      exports: [REDIS, RedisHealthIndicator, RedisLocks],
    };
  }
}
