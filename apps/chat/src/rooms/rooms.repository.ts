import { TenantContext } from '@app/auth';
import { isDuplicateKey } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { BlockedVisitor, type CloseReason, Counter, Room, RoomClaim } from './room.schema';

export type RoomRecord = Omit<Room, '_id'> & { id: string };

const toRecord = ({ _id, ...room }: Room): RoomRecord => ({ id: _id, ...room });

/**
 * Rooms of the tenant in context. Every state change is one conditional single-document
 * update (FerretDB has no transactions): the condition is the state the change starts from, so
 * of two racing changes exactly one applies.
 */
@Injectable()
export class RoomsRepository {
  constructor(
    @InjectModel(Room.name) private readonly rooms: Model<Room>,
    @InjectModel(Counter.name) private readonly counters: Model<Counter>,
    @InjectModel(BlockedVisitor.name) private readonly blocked: Model<BlockedVisitor>,
    @InjectModel(RoomClaim.name) private readonly claims: Model<RoomClaim>,
  ) {}

  async create(room: Pick<RoomRecord, 'chatbotId' | 'visitor' | 'answers'>): Promise<RoomRecord> {
    // Counter ids are global: the tenant is part of the id, not only of the filter.
    const counter = await this.counters.findOneAndUpdate(
      { _id: `${TenantContext.current()}:room-display-id` },
      { $inc: { value: 1 } },
      { upsert: true, new: true },
    );
    const now = new Date();
    const created = await this.rooms.create({
      _id: randomUUID(),
      displayId: counter!.value,
      ...room,
      status: 'queued',
      lastSeq: 0,
      queuedAt: now,
    });
    return toRecord(created.toObject());
  }

  async findById(id: string): Promise<RoomRecord | null> {
    const room = await this.rooms.findById(id).lean();
    return room && toRecord(room);
  }

  async queue(limit = 200): Promise<RoomRecord[]> {
    return (
      await this.rooms.find({ status: 'queued' }).sort({ queuedAt: 1 }).limit(limit).lean()
    ).map(toRecord);
  }

  async openRoomsOf(agentId: string): Promise<RoomRecord[]> {
    return (
      await this.rooms.find({ agentId, status: 'active' }).sort({ assignedAt: 1 }).lean()
    ).map(toRecord);
  }

  async countActiveOf(agentId: string): Promise<number> {
    return this.rooms.countDocuments({ agentId, status: 'active' });
  }

  /** Hands out the next sequence number of an open room; null when the room is closed. */
  async nextSeq(id: string): Promise<number | null> {
    const room = await this.rooms.findOneAndUpdate(
      { _id: id, status: { $ne: 'closed' } },
      { $inc: { lastSeq: 1 } },
      { new: true },
    );
    return room?.lastSeq ?? null;
  }

  /** Takes a queued room for an agent; of agents racing for it, exactly one gets true. */
  async claim(id: string, agent: { id: string; name: string }): Promise<boolean> {
    const room = await this.rooms.findById(id).lean();
    if (!room || room.status !== 'queued') return false;
    const assignment = (room.assignments ?? 0) + 1;
    try {
      await this.claims.create({
        _id: `${id}:${assignment}`,
        agentId: agent.id,
        claimedAt: new Date(),
      });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    const result = await this.rooms.updateOne(
      { _id: id, status: 'queued' },
      {
        $set: {
          status: 'active',
          agentId: agent.id,
          agentName: agent.name,
          assignedAt: new Date(),
          assignments: assignment,
        },
      },
    );
    return result.modifiedCount === 1;
  }

  async transfer(
    id: string,
    fromAgentId: string,
    to: { id: string; name: string },
  ): Promise<boolean> {
    const result = await this.rooms.updateOne(
      { _id: id, status: 'active', agentId: fromAgentId },
      { $set: { agentId: to.id, agentName: to.name, assignedAt: new Date() } },
    );
    return result.modifiedCount === 1;
  }

  async requeue(id: string, agentId: string): Promise<boolean> {
    const result = await this.rooms.updateOne(
      { _id: id, status: 'active', agentId },
      {
        $set: {
          status: 'queued',
          agentId: null,
          agentName: null,
          assignedAt: null,
          queuedAt: new Date(),
        },
      },
    );
    return result.modifiedCount === 1;
  }

  async close(id: string, reason: CloseReason): Promise<boolean> {
    const result = await this.rooms.updateOne(
      { _id: id, status: { $ne: 'closed' } },
      { $set: { status: 'closed', closeReason: reason, closedAt: new Date(), awayUntil: null } },
    );
    return result.modifiedCount === 1;
  }

  async markAway(id: string, until: Date): Promise<boolean> {
    const result = await this.rooms.updateOne(
      { _id: id, status: { $ne: 'closed' }, awayUntil: null },
      { $set: { awayUntil: until, awayNotified: false } },
    );
    return result.modifiedCount === 1;
  }

  async markBack(id: string): Promise<boolean> {
    const result = await this.rooms.updateOne(
      { _id: id, status: { $ne: 'closed' }, awayUntil: { $ne: null } },
      { $set: { awayUntil: null, awayNotified: false } },
    );
    return result.modifiedCount === 1;
  }

  /** True for the first agent reply of a standby only: one email per absence. */
  async claimAwayNotification(id: string): Promise<boolean> {
    const result = await this.rooms.updateOne(
      { _id: id, awayUntil: { $ne: null }, awayNotified: false },
      { $set: { awayNotified: true } },
    );
    return result.modifiedCount === 1;
  }

  async isBlocked(email: string, ip: string): Promise<boolean> {
    const found = await this.blocked.exists({
      $or: [
        { kind: 'email', value: email.toLowerCase() },
        { kind: 'ip', value: ip },
      ],
    });
    return found !== null;
  }

  async block(visitor: { email: string; ip: string }, roomId: string): Promise<void> {
    for (const [kind, value] of [
      ['email', visitor.email.toLowerCase()],
      ['ip', visitor.ip],
    ] as const) {
      try {
        await this.blocked.create({ _id: randomUUID(), kind, value, roomId });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }
}
