import { asSystem, findOwnById, TenantContext, updateOwn } from '@app/tenancy';
import { insertFirst, isDuplicateKey } from '@app/database';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
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
import { TeamsRepository } from '../directory/teams.repository';
import { type QueueAudience, type QueueFilter, priorityRank, routedTeam } from './room-routing';
import { type HistoryPosition, historyMatch, type RoomHistoryFilter } from './room-history';
import { QueueVersion } from './queue-version';
import { SlaClock } from '../sla/sla-clock.service';
import { type RoomDeadlines, SlaDeadlineIndex } from '../sla/sla-deadline-index';

/** Where a page of the queue starts after: the last room of the page before. */
export interface QueuePosition {
  priorityRank: number;
  queuedAt: Date;
  roomId: string;
}

/** What the whole (visible, filtered) queue holds. */
/** Waiting rooms alike in every dimension the queue is narrowed or counted by. */
export interface QueueGroup {
  chatbotId: string;
  category: string | null;
  teamId: string | null;
  rank: number;
  count: number;
}

/** Rooms a room may be created with beyond its visitor: what a journey decided. */
export type NewRoom = Pick<RoomRecord, 'chatbotId' | 'visitor' | 'answers'> &
  Partial<Pick<RoomRecord, 'category' | 'priority' | 'teamId' | 'journey'>>;

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
export class RoomsRepository implements OnModuleInit {
  private readonly logger = new Logger(RoomsRepository.name);

  constructor(
    @InjectModel(Room.name) private readonly rooms: Model<Room>,
    @InjectModel(RoomTransition.name) private readonly transitions: Model<RoomTransition>,
    private readonly displayIds: DisplayIdAllocator,
    private readonly messageSeqs: MessageSeqAllocator,
    private readonly cache: RoomCache,
    private readonly teams: TeamsRepository,
    private readonly slaClock: SlaClock,
    private readonly slaDeadlines: SlaDeadlineIndex,
    private readonly queueVersion: QueueVersion,
  ) {}

  /**
   * Open rooms stored before priorities have no rank to sort on (they would wait behind every
   * `low` room): they get normal's, no category and no team.
   */
  async onModuleInit(): Promise<void> {
    await asSystem('open rooms from before priorities get the normal rank', async () => {
      await this.rooms
        .updateMany(
          { status: { $in: ['queued', 'active'] }, priorityRank: { $exists: false } },
          {
            $set: {
              priority: 'normal',
              priorityRank: priorityRank('normal'),
              category: null,
              teamId: null,
            },
          },
        )
        .exec();
    });
  }

  /**
   * A waiting room, routed to its team by its category unless it was given one. With `offline`,
   * an offline message: its visitor is marked away from the start (with no standby deadline, so
   * it never closes as abandoned), and the first agent reply is mailed to them as a reply during
   * a standby is.
   */
  async create(room: NewRoom, options: { offline?: boolean } = {}): Promise<RoomRecord> {
    const category = room.category ?? null;
    const priority = room.priority ?? 'normal';
    const teamId = routedTeam({ category, teamId: room.teamId ?? null }, await this.teams.list());
    const now = new Date();
    const sla = await this.slaClock.deadlines({ priority, category, teamId }, now);
    const key = redisKeys.roomDisplayId(TenantContext.current());
    const highest = () => this.highestDisplayId();
    let displayId = await this.displayIds.next(key, highest);
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.rooms.create({
          _id: randomUUID(),
          displayId,
          ...room,
          category,
          priority,
          priorityRank: priorityRank(priority),
          teamId,
          journey: room.journey ?? null,
          status: options.offline ? 'offline' : 'queued',
          createdAt: now,
          queuedAt: now,
          ...sla,
          ...(options.offline ? { awayUntil: new Date(Date.now() + OFFLINE_AWAY_MS) } : {}),
          version: 0,
        });
        const record = toRecord(created.toObject());
        await this.messageSeqs.start(record);
        await this.cache.store(record);
        await this.queueVersion.afterWrite(null, record);
        await this.slaDeadlines.watch([record]);
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

  /** The rooms of these ids that exist, in no particular order. */
  async findByIds(ids: string[]): Promise<RoomRecord[]> {
    if (ids.length === 0) return [];
    return (await this.rooms.find({ _id: { $in: ids } }).lean()).map(toRecord);
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

  /** The whole queue's first rooms, every team's, for the auto-assigner. */
  async queue(limit = 200): Promise<RoomRecord[]> {
    return (await this.queuePage(null, limit, { supervisor: true })).rooms;
  }

  /**
   * Waiting rooms the audience may see, most urgent first and oldest first within a priority,
   * from a position (exclusive); ties go by id, so that paging neither skips nor repeats a room.
   * `hasMore` from one extra room read.
   */
  async queuePage(
    after: QueuePosition | null,
    limit: number,
    audience: QueueAudience,
    filter: QueueFilter = {},
  ): Promise<{ rooms: RoomRecord[]; hasMore: boolean }> {
    const from = after
      ? [
          {
            $or: [
              { priorityRank: { $lt: after.priorityRank } },
              { priorityRank: after.priorityRank, queuedAt: { $gt: after.queuedAt } },
              {
                priorityRank: after.priorityRank,
                queuedAt: after.queuedAt,
                _id: { $gt: after.roomId },
              },
            ],
          },
        ]
      : [];
    const found = await this.rooms
      .find({ $and: [...queueMatch(audience, filter), ...from] })
      .sort(QUEUE_ORDER)
      .limit(limit + 1)
      .lean();
    return { rooms: found.slice(0, limit).map(toRecord), hasMore: found.length > limit };
  }

  /** The tenant's waiting rooms counted by chatbot, category, team and priority (one grouping). */
  async queueGroups(): Promise<QueueGroup[]> {
    const groups = await this.rooms.aggregate<{
      _id: { chatbotId: string; category?: string | null; teamId?: string | null; rank?: number };
      count: number;
    }>([
      { $match: { status: 'queued' } },
      {
        $group: {
          _id: {
            chatbotId: '$chatbotId',
            category: '$category',
            teamId: '$teamId',
            rank: '$priorityRank',
          },
          count: { $sum: 1 },
        },
      },
    ]);
    return groups.map(({ _id, count }) => ({
      chatbotId: _id.chatbotId,
      category: _id.category ?? null,
      teamId: _id.teamId ?? null,
      rank: _id.rank ?? 1,
      count,
    }));
  }

  /** Open rooms (waiting or taken) the audience may see, most urgent first, for supervisors. */
  async openRooms(
    audience: QueueAudience,
    filter: QueueFilter,
    limit: number,
  ): Promise<RoomRecord[]> {
    // A status at a time: each is then read in the order of the queue's index, from its start.
    const [waiting, taken] = await Promise.all(
      ['queued', 'active'].map((status) =>
        this.rooms
          .find({ $and: queueMatch(audience, filter, [status]) })
          .sort(QUEUE_ORDER)
          .limit(limit)
          .lean(),
      ),
    );
    return [...waiting!, ...taken!].sort(inQueueOrder).slice(0, limit).map(toRecord);
  }

  /** A page of the conversations the audience may see, newest first; `hasMore` from one more. */
  async historyPage(
    audience: QueueAudience & { agentId: string },
    filter: RoomHistoryFilter,
    after: HistoryPosition | null,
    limit: number,
  ): Promise<{ rooms: RoomRecord[]; hasMore: boolean }> {
    const found = await this.rooms
      .find(historyMatch(audience, filter, after))
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean();
    return { rooms: found.slice(0, limit).map(toRecord), hasMore: found.length > limit };
  }

  /**
   * Rooms of every tenant not closed whose SLA targets are neither met nor breached, with just
   * their deadlines: what the SLA deadline index must hold (its reconciliation; a scan).
   */
  async slaPending(): Promise<RoomDeadlines[]> {
    const rooms = await asSystem('the reconciliation of the SLA deadline index', () =>
      this.rooms
        .find(
          {
            status: { $ne: 'closed' },
            $or: [
              {
                firstResponseDueAt: { $ne: null },
                firstRespondedAt: null,
                firstResponseBreachedAt: null,
              },
              { resolutionDueAt: { $ne: null }, resolutionBreachedAt: null },
            ],
          },
          {
            tenantId: 1,
            firstResponseDueAt: 1,
            firstRespondedAt: 1,
            firstResponseBreachedAt: 1,
            resolutionDueAt: 1,
            resolutionBreachedAt: 1,
          },
        )
        .lean()
        .exec(),
    );
    return rooms.map(({ _id, ...deadlines }) => ({ id: _id, ...deadlines }));
  }

  /**
   * Where a room goes to wait at the front of its queue: just before the oldest room of its
   * team and priority (the queue's order), or now when none waits.
   */
  async frontOfQueue(teamId: string | null, rank: number, now: Date): Promise<Date> {
    const first = await this.rooms
      .findOne({ status: 'queued', teamId, priorityRank: rank }, { queuedAt: 1 })
      .sort({ queuedAt: 1 })
      .lean();
    return first && first.queuedAt < now ? new Date(first.queuedAt.getTime() - 1) : now;
  }

  /** Open rooms of a team (for its deletion). */
  async openRoomsOfTeam(teamId: string): Promise<RoomRecord[]> {
    const found = await this.rooms.find({ teamId, status: { $in: ['queued', 'active'] } }).lean();
    return found.map(toRecord);
  }

  /** Ids of the rooms, open or closed, that wear the label. */
  async idsWithLabel(labelId: string): Promise<string[]> {
    return (await this.rooms.find({ labels: labelId }, { _id: 1 }).lean()).map((room) => room._id);
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
      // The change that won may take a loaded database a while to write: back off (about 1 s
      // in all) rather than use up the tries in a few milliseconds. Reconnect storms (a
      // visitor back while their last socket's leaving is written) ran out of them.
      await sleep(Math.min(500, 10 * 2 ** attempt) * Math.random());
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

  /**
   * A change decided on the room as its caller last saw it: applied only if nothing changed the
   * room since (version `seen`), so of two moves decided on the same state only one applies.
   */
  transitionFrom(
    seen: RoomRecord,
    kind: string,
    decide: (room: RoomRecord) => RoomChange | null,
  ): Promise<Transition | null> {
    return this.transition(seen.id, kind, (room) =>
      room.version === seen.version ? decide(room) : null,
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

  /** Keeps on the room the Intercom conversation it is bridged to (once; never changed). */
  linkIntercom(id: string, intercomConversationId: string): Promise<Transition | null> {
    return this.transition(id, 'intercom-linked', (room) =>
      room.intercomConversationId ? null : { intercomConversationId },
    );
  }

  /** True for the first agent reply of a standby only: one email per absence. */
  /** Deletes a room and its history of changes for good (a deleted conversation). */
  async delete(room: RoomRecord): Promise<void> {
    await this.transitions.deleteMany({ roomId: room.id }).exec();
    await this.rooms.deleteOne({ _id: room.id }).exec();
    await this.cache.forget(room.tenantId, room.id);
  }

  async claimAwayNotification(id: string): Promise<boolean> {
    const result = await this.transition(id, 'visitor-emailed', (room) =>
      roomChanges.awayEmailed(room),
    );
    return result?.applied ?? false;
  }

  /** The teams as routing sees them (a waiting room's new category may route it to one). */
  routingTeams() {
    return this.teams.list();
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
    await this.queueVersion.afterWrite(room, changed);
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

/** The queue's order: most urgent first, then oldest first, then by id. */
const QUEUE_ORDER = { priorityRank: -1, queuedAt: 1, _id: 1 } as const;

function inQueueOrder(
  a: { priorityRank: number; queuedAt: Date; _id: string },
  b: { priorityRank: number; queuedAt: Date; _id: string },
): number {
  return (
    b.priorityRank - a.priorityRank ||
    a.queuedAt.getTime() - b.queuedAt.getTime() ||
    (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)
  );
}

/** The conditions of a queue (or open rooms) query for an audience and its filters. */
function queueMatch(
  audience: QueueAudience,
  filter: QueueFilter,
  statuses: string[] = ['queued'],
): object[] {
  const conditions: object[] = [
    statuses.length === 1 ? { status: statuses[0] } : { status: { $in: statuses } },
  ];
  if (!audience.supervisor) conditions.push({ teamId: { $in: [null, ...audience.teamIds] } });
  if (filter.teamId !== undefined)
    conditions.push({ teamId: filter.teamId === 'none' ? null : filter.teamId });
  if (filter.category !== undefined)
    conditions.push({ category: filter.category === 'none' ? null : filter.category });
  if (filter.chatbotId !== undefined) conditions.push({ chatbotId: filter.chatbotId });
  return conditions;
}
