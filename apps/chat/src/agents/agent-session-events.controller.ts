import { RevocationList } from '@app/auth';
import { type EventOf, SessionsRevokedV1, UserPermissionsChangedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { recordPermissionChange, recordRevocation } from '@app/platform';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RealtimeBus, type SocketPrincipal } from '../realtime/realtime-bus.service';

const issuedBefore = (at: string) => (principal: SocketPrincipal) =>
  new Date(principal.issuedAt).getTime() < new Date(at).getTime();

/**
 * Agent sockets outlive the request that opened them: when a session ends or the agent's
 * permissions change, the sockets holding an access token issued before are told why and cut,
 * on whichever replica they are (the adapter). The token is listed as revoked first, so the
 * socket cannot come straight back with it; a refreshed token reconnects with the new rights.
 */
@Controller()
export class AgentSessionEventsController {
  constructor(
    private readonly revocations: RevocationList,
    private readonly realtime: RealtimeBus,
  ) {}

  @OnEvent(SessionsRevokedV1)
  async onSessionsRevoked(@Payload() event: EventOf<typeof SessionsRevokedV1>): Promise<void> {
    await recordRevocation(this.revocations, event);
    const { userId, sessionId, revokedAt } = event.payload;
    await this.realtime.endAgentSessions(
      event.tenantId,
      userId,
      'revoked',
      sessionId ? (principal) => principal.sessionId === sessionId : issuedBefore(revokedAt),
    );
  }

  @OnEvent(UserPermissionsChangedV1)
  async onPermissionsChanged(
    @Payload() event: EventOf<typeof UserPermissionsChangedV1>,
  ): Promise<void> {
    await recordPermissionChange(this.revocations, event);
    await this.realtime.endAgentSessions(
      event.tenantId,
      event.payload.userId,
      'permissions_changed',
      issuedBefore(event.payload.changedAt),
    );
  }
}
