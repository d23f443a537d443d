import { forTenant } from '@app/tenancy';
import { InjectConfig } from '@app/config';
import { ChatroomResumedV1, ChatroomStandbyV1 } from '@app/contracts';
import { EventPublisher } from '@app/messaging';
import { REDIS } from '@app/platform';
import { PeriodicTask } from '@app/scheduling';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Redis from 'ioredis';
import { type ChatConfig } from '../chat.config';
import { ConversationService } from '../conversations/conversation.service';
import { MessagesService } from '../messages/messages.service';
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { redisKeys } from '../redis-keys';
import { RoomsRepository } from '../rooms/rooms.repository';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsService } from '../rooms/rooms.service';

const SWEEP_EVERY_MS = 1000;
/** Deadlines one sweep takes on; a sweep that found this many runs again at once. */
const SWEEP_BATCH = 100;

/**
 * The 10-minute standby. When a visitor's last socket (on any replica) closes, the room waits
 * out a short grace (STANDBY_GRACE_SECONDS) in a Redis sorted set: a visitor back within it (a
 * page change, a network blip) costs two Redis commands and agents see nothing. After it, the
 * room is marked away in MongoDB and its deadline goes into another sorted set. Every replica
 * sweeps both sets, and the one whose ZREM succeeds acts: starts the standby, or closes the room
 * as abandoned. Nothing lives only in a process: a restart or a crashed replica loses no standby.
 *
 * A replica that dies sees no disconnect, so each replica also marks the rooms of its visitor
 * sockets as seen, in another sorted set, every third of VISITOR_PRESENCE_TIMEOUT_SECONDS; a
 * room not seen for that long, and with no visitor socket anywhere, starts its standby then.
 */
@Injectable()
export class StandbyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StandbyService.name);
  private readonly sweeps: PeriodicTask;
  private readonly heartbeat: PeriodicTask;
  private readonly deadlinesKey: string;
  private readonly seenKey: string;
  private readonly leavingKey: string;
  private readonly seqsAtLeavingKey: string;

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly messages: MessagesService,
    private readonly conversation: ConversationService,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() private readonly config: ChatConfig,
  ) {
    this.deadlinesKey = redisKeys.standbyDeadlines(config.MONGO_DB);
    this.seenKey = redisKeys.visitorsSeen(config.MONGO_DB);
    this.leavingKey = redisKeys.visitorsLeaving(config.MONGO_DB);
    this.seqsAtLeavingKey = redisKeys.seqsAtLeaving(config.MONGO_DB);
    this.sweeps = new PeriodicTask(
      'standby sweep',
      SWEEP_EVERY_MS,
      async () => (await this.sweep()).full,
      this.logger,
    );
    this.heartbeat = new PeriodicTask(
      'marking visitors seen',
      (config.VISITOR_PRESENCE_TIMEOUT_SECONDS * 1000) / 3,
      () => this.markVisitorsSeen(),
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.adoptSetsOfEarlierVersions();
    this.sweeps.start();
    this.heartbeat.start();
  }

  /**
   * Before the sets were named after the database they were `…:standby-deadlines` and
   * `…:visitors-seen`: a deployment upgraded with rooms in standby keeps their deadlines.
   */
  private async adoptSetsOfEarlierVersions(): Promise<void> {
    const renames = [
      [this.deadlinesKey, 'parley:chat:standby-deadlines'],
      [this.seenKey, 'parley:chat:visitors-seen'],
    ];
    for (const [current, earlier] of renames) {
      await this.redis
        .multi()
        .zunionstore(current, 2, current, earlier, 'AGGREGATE', 'MIN')
        .del(earlier)
        .exec()
        .catch((error: Error) =>
          this.logger.warn(`${earlier} not adopted yet (next start tries again): ${error.message}`),
        );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.sweeps.stop(), this.heartbeat.stop()]);
  }

  private async markVisitorsSeen(): Promise<void> {
    const rooms = this.realtime.localVisitorRooms();
    const now = Date.now();
    for (let start = 0; start < rooms.length; start += 500) {
      const chunk = rooms.slice(start, start + 500);
      await this.redis.zadd(this.seenKey, ...chunk.flatMap((room) => [now, room]));
    }
  }

  /**
   * After a visitor socket closed: if it was the room's last one, the room starts leaving.
   * `seenUpTo`: the last seq the visitor was sent (unknown for a vanished replica's visitor: then
   * the room's last seq); a later agent reply is mailed if they do not come back.
   */
  async visitorLeft(room: RoomRecord, seenUpTo: number | null): Promise<void> {
    if (room.status === 'closed' || room.awayUntil) return;
    if ((await this.realtime.visitorSocketsIn(room.tenantId, room.id)) > 0) return;
    const seqAtLeaving = seenUpTo ?? (await this.messages.lastSeq(room.id));
    if (this.config.STANDBY_GRACE_SECONDS === 0) {
      await this.redis.zrem(this.seenKey, member(room));
      await this.startStandby(room, seqAtLeaving);
      return;
    }
    const graceEnds = Date.now() + this.config.STANDBY_GRACE_SECONDS * 1000;
    await this.redis
      .multi()
      .zrem(this.seenKey, member(room))
      .hset(this.seqsAtLeavingKey, member(room), seqAtLeaving)
      .zadd(this.leavingKey, graceEnds, member(room))
      .exec();
  }

  /**
   * The visitor is gone past the grace: the room is marked away, its deadline set, agents told.
   * A reply sent after `seqAtLeaving` was not mailed (the room was not away yet): it is now.
   */
  private async startStandby(room: RoomRecord, seqAtLeaving: number): Promise<void> {
    const until = new Date(Date.now() + this.config.STANDBY_TTL_SECONDS * 1000);
    const away = await this.rooms.markAway(room.id, until);
    if (!away?.applied) return;
    await this.redis.zadd(this.deadlinesKey, until.getTime(), member(room));
    await this.roomsService.announceRoom(away.room);
    await this.events.publish(ChatroomStandbyV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: {
        roomId: room.id,
        chatbotId: room.chatbotId,
        at: new Date().toISOString(),
        expiresAt: until.toISOString(),
      },
    });
    // A visitor who connected while the room was being marked away read it before the mark.
    if ((await this.realtime.visitorSocketsIn(room.tenantId, room.id)) > 0) {
      await this.visitorBack(away.room);
      return;
    }
    await this.conversation.emailReplySince(away.room, seqAtLeaving);
  }

  /**
   * A visitor socket connected here: the room is no longer leaving, its visitor is seen, and a
   * standby ends if there was one.
   */
  async visitorBack(room: RoomRecord): Promise<RoomRecord> {
    await this.redis
      .multi()
      .zrem(this.leavingKey, member(room))
      .hdel(this.seqsAtLeavingKey, member(room))
      .zadd(this.seenKey, Date.now(), member(room))
      .exec();
    if (!room.awayUntil) return room;
    const back = await this.rooms.markBack(room.id);
    if (!back?.applied) return back?.room ?? room;
    await this.redis.zrem(this.deadlinesKey, member(room));
    await this.roomsService.announceRoom(back.room);
    await this.events.publish(ChatroomResumedV1, {
      tenantId: room.tenantId,
      chatroomId: room.id,
      payload: { roomId: room.id, chatbotId: room.chatbotId, at: new Date().toISOString() },
    });
    return back.room;
  }

  /**
   * Starts the standby of rooms whose visitor left (or vanished with their replica) and stayed
   * away past the grace, and closes as abandoned the rooms whose standby ran out. Safe to run on
   * every replica; `full` when there may be more due than one sweep takes on.
   */
  async sweep(now = Date.now()): Promise<{ closed: number; full: boolean }> {
    const lostSince = now - this.config.VISITOR_PRESENCE_TIMEOUT_SECONDS * 1000;
    // A replica that died saw no disconnect: its visitors' rooms are not seen any more.
    const vanished = await this.takeDue(this.seenKey, lostSince, lostSince, async (room) => {
      if (room && !room.awayUntil) await this.visitorLeft(room, null);
      return true;
    });
    const left = await this.takeDue(this.leavingKey, now, now, async (room, entry) => {
      const seqAtLeaving = await this.redis.hget(this.seqsAtLeavingKey, entry);
      if (room && (await this.stillGone(room)))
        await this.startStandby(
          room,
          seqAtLeaving === null ? await this.messages.lastSeq(room.id) : Number(seqAtLeaving),
        );
      await this.redis.hdel(this.seqsAtLeavingKey, entry);
      return true;
    });
    const expired = await this.takeDue(this.deadlinesKey, now, now, async (room) => {
      if (!room || room.status === 'closed' || !room.awayUntil || room.awayUntil.getTime() > now)
        return false;
      // A visitor whose return could not be written (a busy database) is here all the same.
      if ((await this.realtime.visitorSocketsIn(room.tenantId, room.id)) > 0) {
        await this.visitorBack(room);
        return false;
      }
      await this.roomsService.close(room.id, 'abandoned', 'system');
      return true;
    });
    return { closed: expired.acted, full: vanished.full || left.full || expired.full };
  }

  private async stillGone(room: RoomRecord): Promise<boolean> {
    return (
      room.status !== 'closed' &&
      !room.awayUntil &&
      (await this.realtime.visitorSocketsIn(room.tenantId, room.id)) === 0
    );
  }

  /**
   * Runs `act` on the room of each entry of `key` due by `dueBy`, on the one replica whose ZREM
   * takes the entry. An entry whose `act` fails goes back, scored `retryAt`, for a later sweep
   * rather than be forgotten (counting sockets fails while the adapter waits on a dead replica).
   * `acted`: how many `act`s answered true.
   */
  private async takeDue(
    key: string,
    dueBy: number,
    retryAt: number,
    act: (room: RoomRecord | null, entry: string) => Promise<boolean>,
  ): Promise<{ acted: number; full: boolean }> {
    let acted = 0;
    const due = await this.redis.zrangebyscore(key, 0, dueBy, 'LIMIT', 0, SWEEP_BATCH);
    for (const entry of due) {
      if ((await this.redis.zrem(key, entry)) !== 1) continue;
      const [tenantId, roomId] = entry.split(':');
      await forTenant(tenantId, 'a standby entry names its room’s tenant', async () => {
        if (await act(await this.rooms.findById(roomId), entry)) acted += 1;
      }).catch(async (error: Error) => {
        this.logger.warn(`standby of room ${entry} deferred: ${error.message}`);
        await this.redis.zadd(key, retryAt, entry);
      });
    }
    return { acted, full: due.length === SWEEP_BATCH };
  }
}

const member = (room: RoomRecord) => `${room.tenantId}:${room.id}`;
