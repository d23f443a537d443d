import { RevocationList } from '@app/auth';
import { type EventOf, SessionsRevokedV1, UserPermissionsChangedV1 } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { recordPermissionChange, recordRevocation } from '@app/platform';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AgentSessionEnds } from './agent-session-ends.service';

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
    private readonly sessionEnds: AgentSessionEnds,
  ) {}

  @OnEvent(SessionsRevokedV1)
  async onSessionsRevoked(@Payload() event: EventOf<typeof SessionsRevokedV1>): Promise<void> {
    await recordRevocation(this.revocations, event);
    const { userId, sessionId, revokedAt } = event.payload;
    await this.sessionEnds.end({
      tenantId: event.tenantId,
      agentId: userId,
      reason: 'revoked',
      ...(sessionId ? { sessionId } : { issuedBefore: Date.parse(revokedAt) }),
    });
  }

  @OnEvent(UserPermissionsChangedV1)
  async onPermissionsChanged(
    @Payload() event: EventOf<typeof UserPermissionsChangedV1>,
  ): Promise<void> {
    await recordPermissionChange(this.revocations, event);
    await this.sessionEnds.end({
      tenantId: event.tenantId,
      agentId: event.payload.userId,
      reason: 'permissions_changed',
      issuedBefore: Date.parse(event.payload.changedAt),
    });
  }
}
