import { InjectConfig } from '@app/config';
import { REDIS, redisScript } from '@app/platform';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type Socket } from 'socket.io';
import { chatErrors } from '../chat-errors';
import { type ChatConfig } from '../chat.config';
import { redisKeys } from '../redis-keys';
import { rateSenderId, type RateSender } from './rate-sender';

export type RateVerdict = 'ok' | 'limited' | 'abusive';

type RateLimits = Pick<
  ChatConfig,
  'SENDER_MESSAGES_PER_10S' | 'TENANT_MESSAGES_PER_SECOND' | 'TENANT_AGENT_SHARE_PERCENT'
>;

/**
 * One round trip per send, as before: every attempt is counted in the sender's attempts (to cut
 * off abuse), but the sender's 10 s window and its side's share of the tenant's second count a
 * send only when all three have room for it, so refused sends use up nobody's budget.
 * KEYS: sender's attempts, sender's sends, its side's sends, the other side's sends.
 * ARGV: abuse threshold, sender limit, side limit, tenant limit.
 */
const ADMIT_SCRIPT = `
local attempts = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 10, 'NX')
if attempts > tonumber(ARGV[1]) then return { attempts, 0 } end
local counts = redis.call('MGET', KEYS[2], KEYS[3], KEYS[4])
local sent = tonumber(counts[1] or '0')
local side = tonumber(counts[2] or '0')
local other = tonumber(counts[3] or '0')
if sent >= tonumber(ARGV[2]) or side >= tonumber(ARGV[3]) or side + other >= tonumber(ARGV[4]) then
  return { attempts, 0 }
end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], 10, 'NX')
redis.call('INCR', KEYS[3])
redis.call('EXPIRE', KEYS[3], 1, 'NX')
return { attempts, 1 }
`;

/** Fixed windows in Redis, so the limits hold across replicas and across a sender's sockets. */
@Injectable()
export class MessageRateLimiter {
  private readonly admitScript: (
    ...keysThenArgs: Array<string | number>
  ) => Promise<[number, 0 | 1]>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @InjectConfig() private readonly config: ChatConfig,
  ) {
    this.admitScript = redisScript(redis, 'parleyAdmitMessageSend', ADMIT_SCRIPT, 4);
  }

  /** Lets a send through, or refuses it (rate_limited), cutting an abusive socket off. */
  async admit(socket: Socket, sender: RateSender): Promise<void> {
    const verdict = await this.check(sender);
    if (verdict === 'abusive') socket.disconnect(true);
    if (verdict !== 'ok') throw chatErrors.rateLimited();
  }

  private async check(sender: RateSender): Promise<RateVerdict> {
    const limits = sendLimits(sender.side, this.config);
    const other = sender.side === 'visitor' ? 'agent' : 'visitor';
    const id = rateSenderId(sender);
    const [attempts, admitted] = await this.admitScript(
      redisKeys.senderAttempts(sender.tenantId, id),
      redisKeys.senderSends(sender.tenantId, id),
      redisKeys.tenantSends(sender.tenantId, sender.side),
      redisKeys.tenantSends(sender.tenantId, other),
      limits.abuse,
      limits.sender,
      limits.side,
      limits.tenant,
    );
    return rateVerdict({ attempts, admitted: admitted === 1 }, limits);
  }
}

/**
 * The windows a send must fit in. Visitors together may use the tenant's second but for the
 * agents' share; agents may use all of it, so a flood of visitors never silences the agents.
 */
export function sendLimits(side: RateSender['side'], config: RateLimits) {
  const tenant = config.TENANT_MESSAGES_PER_SECOND;
  const agentsOnly = Math.ceil((tenant * config.TENANT_AGENT_SHARE_PERCENT) / 100);
  return {
    sender: config.SENDER_MESSAGES_PER_10S,
    // Three times over its own limit is not a burst any more: the socket is cut off.
    abuse: config.SENDER_MESSAGES_PER_10S * 3,
    side: side === 'visitor' ? Math.max(1, tenant - agentsOnly) : tenant,
    tenant,
  };
}

/** The verdict on a send, from the sender's attempts in its window and whether it fit. */
export function rateVerdict(
  outcome: { attempts: number; admitted: boolean },
  limits: { abuse: number },
): RateVerdict {
  if (outcome.attempts > limits.abuse) return 'abusive';
  return outcome.admitted ? 'ok' : 'limited';
}
