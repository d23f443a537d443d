import { type Principal } from '@app/auth';
import { ChatroomLabelledV1, LABEL_LIMITS, type RoomSummary } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { Injectable } from '@nestjs/common';
import { chatErrors } from '../chat-errors';
import { LabelsDirectory } from '../directory/labels.directory';
import { roomChanges } from './room-changes';
import { type RoomRecord } from './room-record';
import { canSeeTeam } from './room-routing';
import { RoomsRepository } from './rooms.repository';
import { RoomsService } from './rooms.service';

type Change = 'added' | 'removed';

/**
 * The labels on a room: any agent who may see the room puts one on or takes it off, open or
 * closed. Idempotent: a label already there (or already gone) changes nothing and says nothing.
 * Each change is a room transition, a `room:updated` to the agents (never the visitor) and a
 * `chat.chatroom.labelled` event with the room's whole list.
 */
@Injectable()
export class RoomLabels {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly labels: LabelsDirectory,
    private readonly events: EventPublisher,
  ) {}

  async add(roomId: string, labelId: string, by: Principal): Promise<RoomSummary> {
    const room = await this.visible(roomId, by);
    if (!(await this.labels.exists(labelId))) throw chatErrors.labelNotFound();
    if (!room.labels?.includes(labelId) && (room.labels ?? []).length >= LABEL_LIMITS.labelsPerRoom)
      throw chatErrors.invalid(
        `labelId: a conversation wears at most ${LABEL_LIMITS.labelsPerRoom} labels`,
      );
    return this.change(room, labelId, 'added', by.userId);
  }

  /** A label deleted since it was put on can still be taken off. */
  async remove(roomId: string, labelId: string, by: Principal): Promise<RoomSummary> {
    const room = await this.visible(roomId, by);
    if (!room.labels?.includes(labelId) && !(await this.labels.exists(labelId)))
      throw chatErrors.labelNotFound();
    return this.change(room, labelId, 'removed', by.userId);
  }

  /** A deleted label leaves every room that wears it, each announced as an agent's removal is. */
  async dropDeleted(labelId: string): Promise<void> {
    for (const roomId of await this.rooms.idsWithLabel(labelId)) {
      const room = await this.rooms.findById(roomId);
      if (room) await this.change(room, labelId, 'removed');
    }
  }

  private async change(
    room: RoomRecord,
    labelId: string,
    change: Change,
    by?: string,
  ): Promise<RoomSummary> {
    const result = await this.rooms.transition(
      room.id,
      change === 'added' ? 'labelled' : 'unlabelled',
      (current) =>
        change === 'added'
          ? roomChanges.addLabel(current, labelId)
          : roomChanges.removeLabel(current, labelId),
    );
    if (!result) throw chatErrors.roomNotFound();
    if (result.applied) await this.announce(result.room, labelId, change, by);
    return this.roomsService.summary(result.room);
  }

  private async announce(room: RoomRecord, labelId: string, change: Change, by?: string) {
    await this.roomsService.announceToAgents(room);
    // The queue's lists show the chips too.
    if (room.status === 'queued') await this.roomsService.broadcastQueue(room.tenantId);
    await this.events.publish(ChatroomLabelledV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        labelId,
        change,
        labels: room.labels ?? [],
        ...(by ? { by } : {}),
        at: new Date().toISOString(),
      },
    });
  }

  /** The room, if the agent may see it (as in the history): another's answers 404 alike. */
  private async visible(roomId: string, agent: Principal): Promise<RoomRecord> {
    const room = await this.roomsService.get(roomId);
    const audience = await this.roomsService.audienceOf(agent);
    const sees =
      canSeeTeam(audience, room.teamId) ||
      room.agentId === agent.userId ||
      room.previousAgentId === agent.userId;
    if (!sees) throw chatErrors.roomNotFound();
    return room;
  }
}
