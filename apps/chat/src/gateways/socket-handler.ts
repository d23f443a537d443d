import { type SocketError } from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Namespace } from 'socket.io';
import { type ZodType } from 'zod';
import { RateLimitedError } from '../chat-errors';

const logger = new Logger('SocketHandler');

/**
 * The socket side of tenancy, one of the three adapters that set the tenant of a unit of work:
 * every socket event, connection and disconnection runs inside the tenant its handshake proved.
 */
export function inSocketTenant<T>(tenantId: string, fn: () => T): T {
  return TenantContext.run(tenantId, fn);
}

/**
 * Every socket event goes through here: the payload is validated, the handler runs inside the
 * socket's tenant, and any failure becomes an error ack; the socket stays usable.
 */
export async function handleSocketEvent<P, R>(
  tenantId: string,
  schema: ZodType<P>,
  payload: unknown,
  handler: (input: P) => Promise<R>,
): Promise<R | SocketError> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return { error: { code: 'invalid_payload', message: issues(parsed) } };
  try {
    return await inSocketTenant(tenantId, () => handler(parsed.data));
  } catch (error) {
    return toSocketError(error);
  }
}

export function toSocketError(error: unknown): SocketError {
  if (error instanceof HttpException) {
    const answer = error.getResponse() as { code?: string; message?: string };
    return { error: { code: answer.code ?? 'error', message: answer.message ?? error.message } };
  }
  const errorId = randomUUID();
  logger.error(`socket handler failed ${errorId}: ${(error as Error)?.stack ?? error}`);
  return { error: { code: 'internal_error', message: `internal error (${errorId})` } };
}

/**
 * The handshake check of a namespace: the handshake's `auth` is validated against its contract
 * (`invalid_handshake` naming the field), then `authenticate` turns it into the socket's data, or
 * null to refuse with `unauthorized`; a 401 it throws is `unauthorized` too, with the error's
 * code in the error's `data` (`{ code: 'visitor_token_expired' }`); too many connections are
 * `rate_limited`; any other failure to check is `unavailable`.
 */
export function useHandshakeAuth<A>(
  namespace: Namespace,
  schema: ZodType<A>,
  authenticate: (auth: A, request: IncomingMessage) => Promise<object | null>,
): void {
  namespace.use((socket, next) => {
    const parsed = schema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) return next(new Error(`invalid_handshake: ${issues(parsed)}`));
    authenticate(parsed.data, socket.request)
      .then((data) => {
        if (!data) return next(new Error('unauthorized'));
        Object.assign(socket.data, data);
        next();
      })
      .catch((error: unknown) => next(handshakeFailure(error)));
  });
}

function handshakeFailure(error: unknown): Error {
  if (error instanceof RateLimitedError) return new Error('rate_limited');
  if (!(error instanceof HttpException) || error.getStatus() !== 401)
    return new Error('unavailable');
  const { code } = toSocketError(error).error;
  return Object.assign(new Error('unauthorized'), { data: { code } });
}

function issues(failed: { error: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return failed.error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`)
    .join('; ');
}
