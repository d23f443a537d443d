import {
  kafkaFragment,
  mongoFragment,
  type RedisConfig,
  redisFragment,
  serviceFragment,
  type TokenVerificationConfig,
  tokenVerificationFragment,
} from '@app/config';
import {
  type BaseServiceConfig,
  jwksAuth,
  serviceModules,
  type ServiceDefinition,
} from '@app/platform';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { z } from 'zod';

export type ProbeConfig = BaseServiceConfig & RedisConfig & TokenVerificationConfig;

@Module({})
class ProbeModule {
  static register(config: ProbeConfig, controllers: Type[]): DynamicModule {
    return {
      module: ProbeModule,
      imports: serviceModules('analytics', config, jwksAuth(config)),
      controllers,
    };
  }
}

/**
 * A service built on the shared platform with the test's own controllers: for testing the
 * libraries (consumers, guards) as a real service uses them.
 */
export function probeService(controllers: Type[]): ServiceDefinition<ProbeConfig> {
  return {
    name: 'analytics',
    schema: z.object({
      ...serviceFragment(3999),
      ...mongoFragment('probe'),
      ...kafkaFragment('probe'),
      ...redisFragment(),
      ...tokenVerificationFragment(),
    }),
    rootModule: (config) => ProbeModule.register(config, controllers),
  };
}
