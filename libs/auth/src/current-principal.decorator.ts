import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Principal } from './access-token';
import { type AuthenticatedRequest } from './auth.guard';

/** The signed-in caller of an authenticated route. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
