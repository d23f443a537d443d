import {
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { type Request } from 'express';
import { type Principal } from './access-token';
import { REQUIRED_PERMISSIONS } from './permissions';
import { PRINCIPAL_VALIDATOR, type PrincipalValidator } from './principal-validator';
import { IS_PUBLIC } from './public.decorator';
import { RevocationList, sessionRevoked, tokenOutdated } from './revocation-list';
import { TenantContext } from '@app/tenancy';
import {
  ALLOW_VISITORS,
  VISITOR_AUTHENTICATOR,
  type VisitorAuthenticator,
  type VisitorPrincipal,
} from './visitor-auth';

export type AuthenticatedRequest = Request & { user: Principal; visitor?: VisitorPrincipal };

/**
 * The one guard of every HTTP route. A route is `@Public()`, or declares what it needs with
 * `@RequirePermissions(...)` / `@Authenticated()`; a route that declares nothing is refused, so
 * forgetting the declaration can never open a route. Sets the request's tenant.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(PRINCIPAL_VALIDATOR) private readonly validator?: PrincipalValidator,
    @Optional() @Inject(VISITOR_AUTHENTICATOR) private readonly visitors?: VisitorAuthenticator,
    @Optional() private readonly revocations?: RevocationList,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(
      REQUIRED_PERMISSIONS,
      targets,
    );
    if (required === undefined) {
      throw new ForbiddenException('this route declares no access rule');
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.visitors && this.reflector.getAllAndOverride<boolean>(ALLOW_VISITORS, targets)) {
      const [scheme, token] = (request.headers.authorization ?? '').split(' ');
      const visitor = scheme === 'Bearer' && token ? this.visitors.authenticate(token) : null;
      if (visitor) {
        request.visitor = visitor;
        TenantContext.assign(visitor.tenantId);
        return true;
      }
    }

    // passport-jwt with the JwtStrategy: the bearer's principal in request.user, or a 401.
    await super.canActivate(context);
    const verified = request.user;
    // A session signed out since the token was issued is refused in every service; a token whose
    // permissions changed since, only where no validator re-reads them (all but tenant).
    const revocation = (await this.revocations?.statusOf(verified)) ?? 'valid';
    if (revocation === 'session_revoked') throw sessionRevoked();
    if (revocation === 'token_outdated' && !this.validator) throw tokenOutdated();
    const principal = this.validator ? await this.validator.validate(verified) : verified;
    if (!principal) throw sessionRevoked();
    request.user = principal;
    TenantContext.assign(principal.tenantId);

    const missing = required.filter((permission) => !principal.permissions.includes(permission));
    if (missing.length > 0) {
      throw new ForbiddenException(`missing permission: ${missing.join(', ')}`);
    }
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('a valid access token is required');
    return user;
  }
}
