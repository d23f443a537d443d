import { type SlaEscalation, SlaBreachedV1, type SlaKind } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { RoomMoves } from '../rooms/room-moves.service';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsRepository } from '../rooms/rooms.repository';
import { RoomsService } from '../rooms/rooms.service';
import { SlaAlerts } from './sla-alerts.service';
import { type SlaBreachRecord, SlaBreachesRepository } from './sla-breaches.repository';
import { SlaPoliciesRepository } from './sla-policies.repository';
import { stableUuid } from './stable-id';

const BREACHED_FIELD = {
  first_response: 'firstResponseBreachedAt',
  resolution: 'resolutionBreachedAt',
} as const;

const DUE_FIELD = {
  first_response: 'firstResponseDueAt',
  resolution: 'resolutionDueAt',
} as const;

/**
 * Acts on a missed target of a room of the tenant in context, once: the breach is recorded
 * first (the record's unique id decides between replicas and restarts), then the room is marked,
 * `chat.sla.breached.v1` published and the record marked published, then the policy's
 * escalation applied and the supervisors alerted. A crash after the record leaves it unpublished
 * for the sweep to finish (`republish`); the event keeps its id, so a repeat is dropped.
 */
@Injectable()
export class SlaBreaches {
  private readonly logger = new Logger(SlaBreaches.name);

  constructor(
    private readonly breaches: SlaBreachesRepository,
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly moves: RoomMoves,
    private readonly policies: SlaPoliciesRepository,
    private readonly alerts: SlaAlerts,
    private readonly events: EventPublisher,
  ) {}

  /** True when this call recorded the breach (and so acted on it). */
  async breach(room: RoomRecord, kind: SlaKind, now: Date): Promise<boolean> {
    const dueAt = room[DUE_FIELD[kind]];
    if (!dueAt || !room.slaPolicyId) return false;
    const policy = await this.policies.find(room.slaPolicyId);
    const breach: Omit<SlaBreachRecord, 'tenantId' | 'published'> = {
      _id: `${room.id}:${kind}`,
      roomId: room.id,
      chatbotId: room.chatbotId,
      kind,
      policyId: room.slaPolicyId,
      dueAt,
      breachedAt: now,
      priority: room.priority,
      teamId: room.teamId ?? null,
      category: room.category ?? null,
      agentId: room.agentId,
      // A policy deleted since the room got its deadlines still has its breach, unescalated.
      escalation: policy?.escalation ?? { action: 'none' },
    };
    const recorded = await this.breaches.record(breach);
    // Recorded before but the room never marked (its writer died between the two): mark it now.
    const marked = await this.markRoom(room.id, kind, now);
    if (!recorded) return false;
    await this.finish({ ...breach, tenantId: room.tenantId, published: false }, marked ?? room);
    return true;
  }

  /** A breach whose writer died before publishing it: published, escalated and alerted now. */
  async republish(breach: SlaBreachRecord): Promise<void> {
    this.logger.warn(`publishing breach ${breach._id}, left unpublished`);
    const room = await this.rooms.findById(breach.roomId);
    if (!room) {
      await this.publish(breach);
      return;
    }
    await this.finish(breach, room);
  }

  private async finish(breach: SlaBreachRecord, room: RoomRecord): Promise<void> {
    await this.publish(breach);
    let done: SlaEscalation['action'] = 'none';
    try {
      done = await this.moves.escalate(room.id, breach.escalation);
    } catch (error) {
      this.logger.warn(
        `escalation (${breach.escalation.action}) of ${breach._id} not done: ${(error as Error).message}`,
      );
    }
    const current = (await this.rooms.findById(room.id)) ?? room;
    await this.alerts.breached(current, breach, done);
  }

  private async publish(breach: SlaBreachRecord): Promise<void> {
    await this.events.publish(SlaBreachedV1, {
      tenantId: breach.tenantId,
      chatroomId: breach.roomId,
      eventId: stableUuid(`sla-breach:${breach._id}`),
      payload: {
        roomId: breach.roomId,
        chatbotId: breach.chatbotId,
        kind: breach.kind,
        policyId: breach.policyId,
        dueAt: breach.dueAt.toISOString(),
        breachedAt: breach.breachedAt.toISOString(),
        priority: breach.priority,
        teamId: breach.teamId,
        category: breach.category,
        agentId: breach.agentId,
        escalation: breach.escalation,
      },
    });
    await this.breaches.markPublished(breach._id);
  }

  /** The room shows the breach (red, "breached"); null when it was marked already. */
  private async markRoom(roomId: string, kind: SlaKind, now: Date): Promise<RoomRecord | null> {
    const field = BREACHED_FIELD[kind];
    const result = await this.rooms.transition(roomId, 'sla-breached', (room) =>
      room[field] ? null : { [field]: now },
    );
    if (!result?.applied) return null;
    await this.roomsService.announceRoom(result.room);
    return result.room;
  }
}
