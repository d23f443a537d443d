import { type DynamicModule, Inject, Module } from '@nestjs/common';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the service's validated configuration: `@InjectConfig() config: TenantConfig`. */
export const InjectConfig = (): ParameterDecorator => Inject(APP_CONFIG);

@Module({})
export class ConfigModule {
  static forRoot(config: object): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
