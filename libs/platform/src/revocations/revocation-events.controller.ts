import { RevocationList } from '@app/auth';
import { type EventOf, SessionsRevokedV1, UserPermissionsChangedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';

/**
 * Feeds libs/auth's revocation list from the tenant service's events, in every service (each in
 * its own consumer group, so a service with a Redis of its own has its own list). Writing an
 * entry twice changes nothing, so services sharing one Redis may all write it.
 */
@Controller()
export class RevocationEventsController {
  constructor(private readonly revocations: RevocationList) {}

  @OnEvent(SessionsRevokedV1)
  onSessionsRevoked(@Payload() event: EventOf<typeof SessionsRevokedV1>): Promise<void> {
    return recordRevocation(this.revocations, event);
  }

  @OnEvent(UserPermissionsChangedV1)
  onPermissionsChanged(@Payload() event: EventOf<typeof UserPermissionsChangedV1>): Promise<void> {
    return recordPermissionChange(this.revocations, event);
  }
}

/** Also for a service that acts on the event itself (chat cuts sockets) once it is listed. */
export function recordRevocation(
  revocations: RevocationList,
  event: EventOf<typeof SessionsRevokedV1>,
): Promise<void> {
  const { userId, sessionId, revokedAt, tokensExpireBy } = event.payload;
  return revocations.revokeSessions({
    tenantId: event.tenantId,
    userId,
    sessionId,
    at: new Date(revokedAt),
    tokensExpireBy: new Date(tokensExpireBy),
  });
}

export function recordPermissionChange(
  revocations: RevocationList,
  event: EventOf<typeof UserPermissionsChangedV1>,
): Promise<void> {
  const { userId, changedAt, tokensExpireBy } = event.payload;
  return revocations.outdatePermissions({
    tenantId: event.tenantId,
    userId,
    at: new Date(changedAt),
    tokensExpireBy: new Date(tokensExpireBy),
  });
}
