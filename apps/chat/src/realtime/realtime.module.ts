import { Module } from '@nestjs/common';
import { MessageRateLimiter } from './message-rate-limiter.service';
import { RealtimeBus } from './realtime-bus.service';

/** Pushing to sockets on any replica, and the send-rate limits; below every feature. */
@Module({
  providers: [RealtimeBus, MessageRateLimiter],
  exports: [RealtimeBus, MessageRateLimiter],
})
export class RealtimeModule {}
