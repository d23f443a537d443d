import { TenantContext } from '@app/tenancy';
import { type SocketError } from '@app/contracts';
import { Logger } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Namespace } from 'socket.io';
import { type ZodType } from 'zod';

const logger = new Logger('SocketHandler');

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
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
      .join('; ');
    return { error: { code: 'invalid_payload', message } };
  }
  try {
    return await TenantContext.run(tenantId, () => handler(parsed.data));
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
 * The handshake check of a namespace: `authenticate` turns the handshake's `auth` into the
 * socket's data, or null to refuse with `unauthorized`; a failure to check is `unavailable`.
 */
export function useHandshakeAuth(
  namespace: Namespace,
  authenticate: (auth: Record<string, unknown>) => Promise<object | null>,
): void {
  namespace.use((socket, next) => {
    authenticate((socket.handshake.auth ?? {}) as Record<string, unknown>)
      .then((data) => {
        if (!data) return next(new Error('unauthorized'));
        Object.assign(socket.data, data);
        next();
      })
      .catch(() => next(new Error('unavailable')));
  });
}
