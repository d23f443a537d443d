import { InjectConfig } from '@app/config';
import { NotificationRequestedV1, type SlaBreachAlert, type SlaEscalation } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { type ChatConfig } from '../chat.config';
import { DirectoryRepository } from '../directory/directory.repository';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { type RoomRecord } from '../rooms/room-record';
import { type SlaBreachRecord, SlaBreachesRepository } from './sla-breaches.repository';
import { stableUuid } from './stable-id';

/**
 * Tells the supervisors (agents holding `chats:supervise`; admins hold it) of a breach: live, on
 * every socket they have open, and by email for those who chose it.
 */
@Injectable()
export class SlaAlerts {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly breaches: SlaBreachesRepository,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    @InjectConfig() private readonly config: ChatConfig,
  ) {}

  async breached(
    room: RoomRecord,
    breach: SlaBreachRecord,
    done: SlaEscalation['action'],
  ): Promise<void> {
    const supervisors = (await this.directory.activeAgents()).filter((agent) =>
      agent.permissions.includes('chats:supervise'),
    );
    const alert: SlaBreachAlert = {
      roomId: room.id,
      displayId: room.displayId,
      kind: breach.kind,
      dueAt: breach.dueAt.toISOString(),
      breachedAt: breach.breachedAt.toISOString(),
      priority: breach.priority,
      teamId: breach.teamId,
      category: breach.category,
      ...(room.agentId ? { agent: { id: room.agentId, name: room.agentName ?? '' } } : {}),
      visitorName: room.visitor.name,
      escalation: done,
    };
    this.realtime.toTheseAgents(
      room.tenantId,
      supervisors.map((agent) => agent.id),
      'sla:breached',
      alert,
    );
    const tenantName = await this.directory.tenantName(room.tenantId);
    for (const supervisor of supervisors) {
      if (!(await this.breaches.emailChosen(supervisor.id))) continue;
      await this.events.publish(NotificationRequestedV1, {
        tenantId: room.tenantId,
        payload: {
          // One mail per breach and supervisor, even if the alert is sent again.
          notificationId: stableUuid(`sla-mail:${breach._id}:${supervisor.id}`),
          to: { email: supervisor.email, name: supervisor.name },
          tenantName,
          kind: 'sla-breached',
          displayId: room.displayId,
          breach: breach.kind,
          dueAt: alert.dueAt,
          priority: breach.priority,
          escalation: done,
          dashboardUrl: `${this.config.PUBLIC_URL}/app/inbox`,
        },
      });
    }
  }
}
