import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

/** A website visitor, known by the token of the one room they opened. */
export interface VisitorPrincipal {
  tenantId: string;
  roomId: string;
  visitorId: string;
}

export const VISITOR_AUTHENTICATOR = Symbol('VISITOR_AUTHENTICATOR');

/** Provided by the service that issues visitor tokens (chat). */
export interface VisitorAuthenticator {
  /**
   * The visitor a token names, or null when it is no visitor token (the guard then tries it as
   * an access token); may throw an HTTP error to refuse it outright (an expired visitor token).
   */
  authenticate(token: string): VisitorPrincipal | null;
}

export const ALLOW_VISITORS = 'parley:allowVisitors';

/** The route also accepts a visitor's room token (besides the access rule it declares for staff). */
export const AllowVisitors = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_VISITORS, true);

/** The visitor calling an `@AllowVisitors()` route, or undefined when staff called it. */
export const CurrentVisitor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): VisitorPrincipal | undefined =>
    context.switchToHttp().getRequest<{ visitor?: VisitorPrincipal }>().visitor,
);
