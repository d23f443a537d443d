import { KafkaHealthIndicator } from '@app/messaging';
import { Controller, type DynamicModule, Get, Inject, Module, Optional, Res } from '@nestjs/common';
import {
  HealthCheckService,
  type HealthIndicatorResult,
  MongooseHealthIndicator,
  TerminusModule,
} from '@nestjs/terminus';
import { ApiResponse } from '@nestjs/swagger';
import { type Response } from 'express';
import { Public } from '@app/auth';
import { RedisHealthIndicator } from '../redis/redis.module';

/**
 * A dependency the service goes on without (chat's object store): shown in `checks`, never
 * turning the answer to 503. Provided under NON_CRITICAL_HEALTH by the service that has one.
 */
export interface NonCriticalHealthCheck {
  readonly name: string;
  /** Resolves with details when the dependency answers, rejects when it does not. */
  check(): Promise<Record<string, unknown>>;
}

export const NON_CRITICAL_HEALTH = Symbol('NON_CRITICAL_HEALTH');

export interface HealthAnswer {
  status: 'ok' | 'error';
  checks: Record<string, { status: 'up' | 'down'; [detail: string]: unknown }>;
}

/** `HealthAnswer` for the OpenAPI document. */
const HEALTH_ANSWER_SCHEMA = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', enum: ['up', 'down'] } },
      },
    },
  },
};

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongo: MongooseHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    @Optional() private readonly redis?: RedisHealthIndicator,
    @Optional() @Inject(NON_CRITICAL_HEALTH) private readonly optional?: NonCriticalHealthCheck,
  ) {}

  /** 200 when every dependency answers, 503 naming the one that does not. */
  @Public()
  @ApiResponse({
    status: 200,
    description: 'Every dependency answers.',
    schema: HEALTH_ANSWER_SCHEMA,
  })
  @ApiResponse({
    status: 503,
    description: 'A dependency does not answer; `checks` names it.',
    schema: HEALTH_ANSWER_SCHEMA,
  })
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthAnswer> {
    const checks: (() => Promise<HealthIndicatorResult>)[] = [
      () => this.mongo.pingCheck('mongo', { timeout: 2000 }),
      () => this.kafka.check('kafka'),
    ];
    if (this.redis) checks.push(() => this.redis!.check('redis'));
    const optional = this.optionalCheck();
    try {
      const result = await this.health.check(checks);
      return {
        status: 'ok',
        checks: { ...(result.details as HealthAnswer['checks']), ...(await optional) },
      };
    } catch (error) {
      const result = (
        error as { getResponse?: () => { details?: HealthAnswer['checks'] } }
      ).getResponse?.();
      if (!result?.details) throw error;
      response.status(503);
      return { status: 'error', checks: { ...result.details, ...(await optional) } };
    }
  }

  private async optionalCheck(): Promise<HealthAnswer['checks']> {
    if (!this.optional) return {};
    const { name } = this.optional;
    try {
      return { [name]: { status: 'up', critical: false, ...(await this.optional.check()) } };
    } catch (error) {
      return {
        [name]: { status: 'down', critical: false, message: (error as Error).message },
      };
    }
  }
}

@Module({})
export class HealthModule {
  static forRoot(): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
    };
  }
}
