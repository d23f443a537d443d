import { InjectConfig } from '@app/config';
import { REDIS, RedisRateLimits } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';

const MINUTE = 60;

type WidgetLimit =
  | 'session:address'
  | 'session:email'
  | 'session:chatbot'
  | 'config:address'
  | 'config:chatbot'
  | 'upload:address';

/**
 * The public widget's endpoints carry an API key that every page of the site shows, so anyone
 * can call them: these limits keep a loop from filling a tenant's queue and mailing strangers.
 * Refusals are 429 `widget_rate_limited` with `Retry-After`.
 */
@Injectable()
export class WidgetRateLimits {
  private readonly limits: RedisRateLimits<WidgetLimit>;

  constructor(@Inject(REDIS) redis: Redis, @InjectConfig() config: ChatConfig) {
    this.limits = new RedisRateLimits<WidgetLimit>(
      redis,
      redisKeys.widgetRates(),
      {
        'session:address': {
          points: config.WIDGET_SESSIONS_PER_ADDRESS_PER_10_MIN,
          duration: 10 * MINUTE,
        },
        'session:email': {
          points: config.WIDGET_SESSIONS_PER_EMAIL_PER_10_MIN,
          duration: 10 * MINUTE,
        },
        'session:chatbot': { points: config.WIDGET_SESSIONS_PER_CHATBOT_PER_MIN, duration: MINUTE },
        'config:address': { points: config.WIDGET_CONFIG_PER_ADDRESS_PER_MIN, duration: MINUTE },
        'config:chatbot': { points: config.WIDGET_CONFIG_PER_CHATBOT_PER_MIN, duration: MINUTE },
        'upload:address': { points: config.ATTACHMENT_UPLOADS_PER_MINUTE, duration: MINUTE },
      },
      { code: 'widget_rate_limited', what: 'requests from this widget' },
    );
  }

  /**
   * Counted before the API key is checked: guessing keys from one address is a loop too. Per
   * tenant, so that one site's flood does not shut an office's address out of every other site.
   */
  configByAddress(tenantId: string, ip: string): Promise<void> {
    return this.limits.consume('config:address', `${tenantId}:${ip}`);
  }

  configOfChatbot(tenantId: string, chatbotId: string): Promise<void> {
    return this.limits.consume('config:chatbot', `${tenantId}:${chatbotId}`);
  }

  sessionByAddress(tenantId: string, ip: string): Promise<void> {
    return this.limits.consume('session:address', `${tenantId}:${ip}`);
  }

  /** Uploads before a conversation (a journey's image question), counted like sessions. */
  uploadByAddress(tenantId: string, ip: string): Promise<void> {
    return this.limits.consume('upload:address', `${tenantId}:${ip}`);
  }

  /** Counted once the chatbot is known, so made-up ids fill no counters. */
  async sessionOfChatbot(tenantId: string, chatbotId: string, email: string): Promise<void> {
    await this.limits.consume('session:email', `${tenantId}:${email}`);
    await this.limits.consume('session:chatbot', `${tenantId}:${chatbotId}`);
  }
}
