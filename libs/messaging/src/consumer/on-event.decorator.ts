import { type EventDefinition, type EventEnvelope } from '@app/contracts';
import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { EventPattern, type KafkaContext } from '@nestjs/microservices';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { EventConsumer } from './event-consumer.service';

const EVENT_DEFINITION = Symbol('EVENT_DEFINITION');

@Injectable()
export class EventConsumerInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly consumer: EventConsumer,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const definition = this.reflector.get<EventDefinition>(EVENT_DEFINITION, context.getHandler());
    const args = context.getArgs();
    return from(
      this.consumer.consume({
        definition,
        handlerName: `${context.getClass().name}.${context.getHandler().name}`,
        raw: args[0],
        kafka: context.switchToRpc().getContext<KafkaContext>(),
        run: (event: EventEnvelope) => {
          // The handler's @Payload() reads this slot after the interceptor: hand it the
          // validated, typed envelope instead of the raw JSON.
          args[0] = event;
          return lastValueFrom(next.handle(), { defaultValue: undefined });
        },
      }),
    );
  }
}

/**
 * Subscribes a controller method to an event's topic. The method receives the validated
 * envelope through `@Payload()`, runs at most once per event id, is retried with backoff when it
 * throws, and a message it cannot handle is parked on `<topic>.dlq`.
 */
export function OnEvent(definition: EventDefinition): MethodDecorator {
  return applyDecorators(
    EventPattern(definition.topic),
    SetMetadata(EVENT_DEFINITION, definition),
    UseInterceptors(EventConsumerInterceptor),
  );
}
