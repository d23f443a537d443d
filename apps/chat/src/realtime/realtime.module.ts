import { Module } from '@nestjs/common';
import { MessageRateLimiter } from './message-rate-limiter.service';
import { RealtimeBus } from './realtime-bus.service';
import { SenderLimits } from './sender-limits.service';

/** Pushing to sockets on any replica, and the limits on what senders repeat; below every feature. */
@Module({
  providers: [RealtimeBus, MessageRateLimiter, SenderLimits],
  exports: [RealtimeBus, MessageRateLimiter, SenderLimits],
})
export class RealtimeModule {}
