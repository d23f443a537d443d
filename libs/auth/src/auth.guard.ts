import {
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { type Request } from 'express';
import { type Principal } from './access-token';
import { type ApiTokenGrant, isApiTokenBearer, principalOfApiToken } from './api-token';
import { ApiTokenRegistry } from './api-token-registry';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { PERSON_ONLY, REQUIRED_PERMISSIONS } from './permissions';
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

const invalidApiToken = () =>
  new UnauthorizedException({
    statusCode: 401,
    code: 'invalid_api_token',
    message: 'this API token is unknown, revoked or expired',
  });

const apiTokenRefused = () =>
  new ForbiddenException({
    statusCode: 403,
    code: 'api_token_not_allowed',
    message: 'this route acts for a signed-in person; an API token cannot call it',
  });

/** The bearer token of the `Authorization` header (scheme in any case), or null. */
function bearerOf(request: Request): string | null {
  const match = /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

/**
 * The one guard of every HTTP route. A route is `@Public()`, or declares what it needs with
 * `@RequirePermissions(...)` / `@Authenticated()`; a route that declares nothing is refused, so
 * forgetting the declaration can never open a route. Sets the request's tenant.
 *
 * The bearer is a person's access token (a JWT) or a tenant's API token (`prl_...`), which is
 * looked up in the registry the tenant service keeps in Redis and whose every use is logged.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('jwt') {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(PRINCIPAL_VALIDATOR) private readonly validator?: PrincipalValidator,
    @Optional() @Inject(VISITOR_AUTHENTICATOR) private readonly visitors?: VisitorAuthenticator,
    @Optional() private readonly revocations?: RevocationList,
    @Optional() private readonly apiTokens?: ApiTokenRegistry,
    @Optional() @Inject(AUTH_OPTIONS) private readonly options?: AuthOptions,
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

    const bearer = bearerOf(request);
    const principal =
      bearer !== null && isApiTokenBearer(bearer)
        ? await this.admitApiToken(bearer, request)
        : await this.admitUser(context, request);
    request.user = principal;
    TenantContext.assign(principal.tenantId);

    if (
      principal.kind === 'api-token' &&
      this.reflector.getAllAndOverride<boolean>(PERSON_ONLY, targets)
    ) {
      throw apiTokenRefused();
    }
    const missing = required.filter((permission) => !principal.permissions.includes(permission));
    if (missing.length > 0) {
      throw new ForbiddenException(`missing permission: ${missing.join(', ')}`);
    }
    return true;
  }

  /** A person's access token: verified, checked against revocations and (in tenant) the account. */
  private async admitUser(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): Promise<Principal> {
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
    return principal;
  }

  /** A live API token's principal; its use is logged once the answer is sent, refusals too. */
  private async admitApiToken(bearer: string, request: AuthenticatedRequest): Promise<Principal> {
    const grant = (await this.apiTokens?.admit(bearer)) ?? null;
    if (!grant) throw invalidApiToken();
    this.logUseWhenAnswered(grant, request);
    return principalOfApiToken(grant);
  }

  /** Off the request path: a use that cannot be written is lost, the request is not. */
  private logUseWhenAnswered(grant: ApiTokenGrant, request: AuthenticatedRequest): void {
    const response = request.res;
    if (!response || !this.apiTokens) return;
    const registry = this.apiTokens;
    const use = {
      at: new Date().toISOString(),
      service: this.options?.service ?? 'unknown',
      method: request.method,
      path: request.originalUrl.split('?')[0],
      ip: request.ip ?? '',
    };
    response.once('close', () => {
      const status = response.writableFinished ? { status: response.statusCode } : {};
      registry
        .recordUse(grant.tenantId, grant.id, { ...use, ...status })
        .catch(() => this.logger.warn(`a use of API token ${grant.id} could not be logged`));
    });
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('a valid access token is required');
    return user;
  }
}
