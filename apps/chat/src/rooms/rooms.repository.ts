import { findOwnById, TenantContext, updateOwn } from '@app/tenancy';
import { insertFirst, isDuplicateKey } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
import { MessageSeqs } from '../sequences/message-seqs';
import { Sequences } from '../sequences/sequences.service';
import { RoomCache } from './room-cache';
import { BlockedVisitor, type CloseReason, Room, RoomTransition } from './room.schema';

export type RoomRecord = Omit<Room, '_id'> & { id: string };

/** What a state change may set. */
export type RoomChange = Partial<
  Pick<
    Room,
    | 'status'
    | 'agentId'
    | 'agentName'
    | 'assignedAt'
    | 'previousAgentId'
    | 'queuedAt'
    | 'awayUntil'
    | 'awayNotified'
    | 'closeReason'
    | 'closedAt'
  >
>;

/** `applied` false: the room's state did not allow the change; `room` is then as found. */
export interface Transition {
  applied: boolean;
  room: RoomRecord;
}

const toRecord = ({ _id, ...room }: Room): RoomRecord => ({ id: _id, ...room });

/** A change recorded this long ago but not written to its room: its writer died; finish it. */
const ORPHANED_AFTER_MS = 5000;
const TRANSITION_ATTEMPTS = 8;
const INSERT_ATTEMPTS = 5;

/**
 * Rooms of the tenant in context. Every state change goes through `transition`, which makes
 * changes to one room happen one at a time on MongoDB and FerretDB alike (no transactions
 * needed), and keeps the room cache the message path reads.
 */
@Injectable()
export class RoomsRepository {
  private readonly logger = new Logger(RoomsRepository.name);

  constructor(
    @InjectModel(Room.name) private readonly rooms: Model<Room>,
    @InjectModel(BlockedVisitor.name) private readonly blocked: Model<BlockedVisitor>,
    @InjectModel(RoomTransition.name) private readonly transitions: Model<RoomTransition>,
    private readonly sequences: Sequences,
    private readonly messageSeqs: MessageSeqs,
    private readonly cache: RoomCache,
  ) {}

  async create(room: Pick<RoomRecord, 'chatbotId' | 'visitor' | 'answers'>): Promise<RoomRecord> {
    const key = redisKeys.roomDisplayId(TenantContext.current());
    const highest = () => this.highestDisplayId();
    let displayId = await this.sequences.next(key, highest);
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.rooms.create({
          _id: randomUUID(),
          displayId,
          ...room,
          status: 'queued',
          queuedAt: new Date(),
          version: 0,
        });
        const record = toRecord(created.toObject());
        await this.messageSeqs.start(record);
        await this.cache.store(record);
        return record;
      } catch (error) {
        // The only other unique key is the display id: it was handed out twice.
        if (!isDuplicateKey(error) || attempt === INSERT_ATTEMPTS) throw error;
        displayId = await this.sequences.nextAfterCollision(key, highest);
      }
    }
  }

  /** The room as last changed: from the cache, else the database. */
  async findById(id: string): Promise<RoomRecord | null> {
    const cached = await this.cache.get(TenantContext.current(), id);
    if (cached) return cached;
    const room = await this.load(id);
    if (room) await this.cache.store(room);
    return room;
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

  /**
   * Changes a room if `decide` allows it from the room's current state, one change at a time:
   * each change first inserts `room_transitions` `<room>:<next version>`; of racing changes only
   * the one whose insert succeeds writes the room, the others read the room again and decide
   * again. So of two agents joining at once exactly one joins, and a close racing the
   * standby's expiry closes the room once.
   */
  async transition(
    id: string,
    kind: string,
    decide: (room: RoomRecord) => RoomChange | null,
  ): Promise<Transition | null> {
    for (let attempt = 1; ; attempt++) {
      const room = await this.load(id);
      if (!room) return null;
      const change = decide(room);
      if (!change) return { applied: false, room };
      const version = room.version + 1;
      const recorded = await insertFirst(this.transitions, {
        _id: `${id}:${version}`,
        roomId: id,
        kind,
        change,
        at: new Date(),
      });
      if (recorded) return { applied: true, room: await this.write(room, change, version) };
      await this.finishOrphanedChange(room);
      if (attempt === TRANSITION_ATTEMPTS) throw chatErrors.busy();
      await sleep(attempt * 10 * Math.random());
    }
  }

  /** Takes a queued room for an agent; of agents racing for it, exactly one gets it. */
  claim(id: string, agent: { id: string; name: string }): Promise<Transition | null> {
    return this.transition(id, 'assigned', (room) =>
      room.status === 'queued'
        ? { status: 'active', agentId: agent.id, agentName: agent.name, assignedAt: new Date() }
        : null,
    );
  }

  transfer(
    id: string,
    fromAgentId: string,
    to: { id: string; name: string },
  ): Promise<Transition | null> {
    return this.transition(id, 'transferred', (room) =>
      room.status === 'active' && room.agentId === fromAgentId
        ? { agentId: to.id, agentName: to.name, assignedAt: new Date() }
        : null,
    );
  }

  requeue(id: string, agentId: string): Promise<Transition | null> {
    return this.transition(id, 'requeued', (room) =>
      room.status === 'active' && room.agentId === agentId
        ? {
            status: 'queued',
            agentId: null,
            agentName: null,
            assignedAt: null,
            queuedAt: new Date(),
          }
        : null,
    );
  }

  close(id: string, reason: CloseReason): Promise<Transition | null> {
    return this.transition(id, 'closed', (room) =>
      room.status !== 'closed'
        ? { status: 'closed', closeReason: reason, closedAt: new Date(), awayUntil: null }
        : null,
    );
  }

  markAway(id: string, until: Date): Promise<Transition | null> {
    return this.transition(id, 'visitor-away', (room) =>
      room.status !== 'closed' && !room.awayUntil
        ? { awayUntil: until, awayNotified: false }
        : null,
    );
  }

  markBack(id: string): Promise<Transition | null> {
    return this.transition(id, 'visitor-back', (room) =>
      room.status !== 'closed' && room.awayUntil ? { awayUntil: null, awayNotified: false } : null,
    );
  }

  /** True for the first agent reply of a standby only: one email per absence. */
  async claimAwayNotification(id: string): Promise<boolean> {
    const result = await this.transition(id, 'visitor-emailed', (room) =>
      room.awayUntil && !room.awayNotified ? { awayNotified: true } : null,
    );
    return result?.applied ?? false;
  }

  private async load(id: string): Promise<RoomRecord | null> {
    const room = await findOwnById(this.rooms, id);
    return room && toRecord(room);
  }

  private async write(room: RoomRecord, change: RoomChange, version: number): Promise<RoomRecord> {
    const updatedAt = new Date();
    await updateOwn(this.rooms, room, { $set: { ...change, version, updatedAt } });
    const changed = { ...room, ...change, version, updatedAt };
    await this.cache.store(changed);
    return changed;
  }

  /** A change that won its race but whose writer died before writing the room is finished here. */
  private async finishOrphanedChange(room: RoomRecord): Promise<void> {
    const pending = await findOwnById(this.transitions, `${room.id}:${room.version + 1}`);
    if (!pending || Date.now() - pending.at.getTime() < ORPHANED_AFTER_MS) return;
    this.logger.warn(`finishing change ${pending._id} (${pending.kind}) whose writer stopped`);
    await this.write(room, pending.change as RoomChange, room.version + 1);
  }

  private async highestDisplayId(): Promise<number> {
    const highest = await this.rooms.findOne({}, { displayId: 1 }).sort({ displayId: -1 }).lean();
    return highest?.displayId ?? 0;
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
      // Already blocked (by this room or another) is as good.
      await insertFirst(this.blocked, { _id: randomUUID(), kind, value, roomId });
    }
  }
}
