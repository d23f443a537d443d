import { findOwnById, TenantContext, updateOwn } from '@app/tenancy';
import { insertFirst, isDuplicateKey } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatErrors } from '../chat-errors';
import { redisKeys } from '../redis-keys';
import { MessageSeqAllocator } from '../messages/message-seq.allocator';
import { DisplayIdAllocator } from './display-id.allocator';
import { RoomCache } from './room-cache';
import { roomChanges } from './room-changes';
import { type RoomChange, type RoomRecord, toRecord, type Transition } from './room-record';
import { type CloseReason, Room, RoomTransition } from './room.schema';

/** Where a page of the queue starts after: the last room of the page before. */
export interface QueuePosition {
  queuedAt: Date;
  roomId: string;
}

/** A change recorded this long ago but not written to its room: its writer died; finish it. */
const ORPHANED_AFTER_MS = 5000;
const TRANSITION_ATTEMPTS = 8;
const INSERT_ATTEMPTS = 5;

/**
 * Rooms of the tenant in context. Every state change goes through `transition`, which makes
 * changes to one room happen one at a time on MongoDB and FerretDB alike (no transactions
 * needed), and keeps the room cache the message path reads.
 */
/** How long an offline room's visitor counts as away: long enough for any answer to be mailed. */
const OFFLINE_AWAY_MS = 30 * 86_400_000;

@Injectable()
export class RoomsRepository {
  private readonly logger = new Logger(RoomsRepository.name);

  constructor(
    @InjectModel(Room.name) private readonly rooms: Model<Room>,
    @InjectModel(RoomTransition.name) private readonly transitions: Model<RoomTransition>,
    private readonly displayIds: DisplayIdAllocator,
    private readonly messageSeqs: MessageSeqAllocator,
    private readonly cache: RoomCache,
  ) {}

  /**
   * A new room in the queue, or with `offline`, an offline message: its visitor is marked away
   * from the start (with no standby deadline, so it never closes as abandoned), and the first
   * agent reply is mailed to them as a reply during a standby is.
   */
  async create(
    room: Pick<RoomRecord, 'chatbotId' | 'visitor' | 'answers'>,
    options: { offline?: boolean } = {},
  ): Promise<RoomRecord> {
    const key = redisKeys.roomDisplayId(TenantContext.current());
    const highest = () => this.highestDisplayId();
    let displayId = await this.displayIds.next(key, highest);
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.rooms.create({
          _id: randomUUID(),
          displayId,
          ...room,
          status: options.offline ? 'offline' : 'queued',
          queuedAt: new Date(),
          ...(options.offline ? { awayUntil: new Date(Date.now() + OFFLINE_AWAY_MS) } : {}),
          version: 0,
        });
        const record = toRecord(created.toObject());
        await this.messageSeqs.start(record);
        await this.cache.store(record);
        return record;
      } catch (error) {
        // The only other unique key is the display id: it was handed out twice.
        if (!isDuplicateKey(error) || attempt === INSERT_ATTEMPTS) throw error;
        displayId = await this.displayIds.nextAfterCollision(key, highest);
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

  /** Offline messages not taken yet, oldest first. */
  async offline(limit: number): Promise<RoomRecord[]> {
    const rooms = await this.rooms
      .find({ status: 'offline' })
      .sort({ queuedAt: 1, _id: 1 })
      .limit(limit)
      .lean();
    return rooms.map(toRecord);
  }

  async queue(limit = 200): Promise<RoomRecord[]> {
    return (await this.queuePage(null, limit)).rooms;
  }

  /**
   * Waiting rooms oldest first, from a position (exclusive); ties on `queuedAt` go by id, so that
   * paging neither skips nor repeats a room. `hasMore` from one extra room read.
   */
  async queuePage(
    after: QueuePosition | null,
    limit: number,
  ): Promise<{ rooms: RoomRecord[]; hasMore: boolean }> {
    const from = after
      ? {
          $or: [
            { queuedAt: { $gt: after.queuedAt } },
            { queuedAt: after.queuedAt, _id: { $gt: after.roomId } },
          ],
        }
      : {};
    const found = await this.rooms
      .find({ status: 'queued', ...from })
      .sort({ queuedAt: 1, _id: 1 })
      .limit(limit + 1)
      .lean();
    return { rooms: found.slice(0, limit).map(toRecord), hasMore: found.length > limit };
  }

  /** How many rooms wait, in all and per chatbot (one small grouping on the queue's index). */
  async queueCounts(): Promise<{ total: number; byChatbot: Record<string, number> }> {
    const groups = await this.rooms.aggregate<{ _id: string; count: number }>([
      { $match: { status: 'queued' } },
      { $group: { _id: '$chatbotId', count: { $sum: 1 } } },
    ]);
    const byChatbot = Object.fromEntries(groups.map((group) => [group._id, group.count]));
    const total = groups.reduce((sum, group) => sum + group.count, 0);
    return { total, byChatbot };
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
    return this.transition(id, 'assigned', (room) => roomChanges.claim(room, agent, new Date()));
  }

  transfer(
    id: string,
    fromAgentId: string,
    to: { id: string; name: string },
  ): Promise<Transition | null> {
    return this.transition(id, 'transferred', (room) =>
      roomChanges.transfer(room, fromAgentId, to, new Date()),
    );
  }

  requeue(id: string, agentId: string): Promise<Transition | null> {
    return this.transition(id, 'requeued', (room) =>
      roomChanges.requeue(room, agentId, new Date()),
    );
  }

  close(id: string, reason: CloseReason): Promise<Transition | null> {
    return this.transition(id, 'closed', (room) => roomChanges.close(room, reason, new Date()));
  }

  markAway(id: string, until: Date): Promise<Transition | null> {
    return this.transition(id, 'visitor-away', (room) => roomChanges.away(room, until));
  }

  markBack(id: string): Promise<Transition | null> {
    return this.transition(id, 'visitor-back', (room) => roomChanges.back(room));
  }

  /** True for the first agent reply of a standby only: one email per absence. */
  async claimAwayNotification(id: string): Promise<boolean> {
    const result = await this.transition(id, 'visitor-emailed', (room) =>
      roomChanges.awayEmailed(room),
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
}
