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
import { RealtimeBus } from '../realtime/realtime-bus.service';
import { redisKeys } from '../redis-keys';
import { RoomsRepository } from '../rooms/rooms.repository';
import { type RoomRecord } from '../rooms/room-record';
import { RoomsService } from '../rooms/rooms.service';

const SWEEP_EVERY_MS = 1000;
/** Deadlines one sweep takes on; a sweep that found this many runs again at once. */
const SWEEP_BATCH = 100;

/**
 * The 10-minute standby. When a visitor's last socket (on any replica) closes, the room is
 * marked away in MongoDB and its deadline goes into a Redis sorted set; every replica sweeps
 * that set, and the one whose ZREM succeeds closes the room as abandoned. Nothing lives only in
 * a process: a restart or a crashed replica loses no standby.
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

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly roomsService: RoomsService,
    private readonly realtime: RealtimeBus,
    private readonly events: EventPublisher,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectConfig() private readonly config: ChatConfig,
  ) {
    this.deadlinesKey = redisKeys.standbyDeadlines(config.MONGO_DB);
    this.seenKey = redisKeys.visitorsSeen(config.MONGO_DB);
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

  /** A visitor socket of the room is connected here. */
  async visitorSeen(room: RoomRecord): Promise<void> {
    await this.redis.zadd(this.seenKey, Date.now(), member(room));
  }

  private async markVisitorsSeen(): Promise<void> {
    const rooms = this.realtime.localVisitorRooms();
    const now = Date.now();
    for (let start = 0; start < rooms.length; start += 500) {
      const chunk = rooms.slice(start, start + 500);
      await this.redis.zadd(this.seenKey, ...chunk.flatMap((room) => [now, room]));
    }
  }

  /** After a visitor socket closed: starts the standby if it was the room's last one. */
  async visitorLeft(room: RoomRecord): Promise<void> {
    if (room.status === 'closed') return;
    if ((await this.realtime.visitorSocketsIn(room.tenantId, room.id)) > 0) return;
    await this.redis.zrem(this.seenKey, member(room));
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
  }

  /** A visitor socket connected: ends the standby if there was one. */
  async visitorBack(room: RoomRecord): Promise<RoomRecord> {
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
   * Closes, as abandoned, the rooms whose standby ran out. Safe to run on every replica; `full`
   * when there may be more due than one sweep takes on.
   */
  async sweep(now = Date.now()): Promise<{ closed: number; full: boolean }> {
    await this.startStandbyOfVanishedVisitors(now);
    let closed = 0;
    const due = await this.redis.zrangebyscore(this.deadlinesKey, 0, now, 'LIMIT', 0, SWEEP_BATCH);
    for (const entry of due) {
      // Exactly one replica removes each entry; that one closes the room.
      if ((await this.redis.zrem(this.deadlinesKey, entry)) !== 1) continue;
      const [tenantId, roomId] = entry.split(':');
      await forTenant(tenantId, 'a standby deadline names its room’s tenant', async () => {
        const room = await this.rooms.findById(roomId);
        if (!room || room.status === 'closed' || !room.awayUntil || room.awayUntil.getTime() > now)
          return;
        await this.roomsService.close(roomId, 'abandoned', 'system');
        closed += 1;
      }).catch(async (error: Error) => {
        // This replica took the deadline: put it back for the next sweep rather than forget it.
        this.logger.warn(`closing standby room ${entry} failed, retrying: ${error.message}`);
        await this.redis.zadd(this.deadlinesKey, now, entry);
      });
    }
    return { closed, full: due.length === SWEEP_BATCH };
  }

  /** Rooms whose visitor's socket was last seen too long ago: its replica died. */
  private async startStandbyOfVanishedVisitors(now: number): Promise<void> {
    try {
      const lostSince = now - this.config.VISITOR_PRESENCE_TIMEOUT_SECONDS * 1000;
      const stale = await this.redis.zrangebyscore(
        this.seenKey,
        0,
        lostSince,
        'LIMIT',
        0,
        SWEEP_BATCH,
      );
      for (const entry of stale) {
        if ((await this.redis.zrem(this.seenKey, entry)) !== 1) continue;
        const [tenantId, roomId] = entry.split(':');
        await forTenant(tenantId, 'a vanished visitor’s room names its tenant', async () => {
          const room = await this.rooms.findById(roomId);
          if (room && !room.awayUntil) await this.visitorLeft(room);
        }).catch(async (error: Error) => {
          // Counting sockets fails while the adapter still waits on the dead replica: retry.
          this.logger.warn(`standby of vanished visitor ${entry} deferred: ${error.message}`);
          await this.redis.zadd(this.seenKey, lostSince, entry);
        });
      }
    } catch (error) {
      this.logger.warn(`looking for vanished visitors failed: ${(error as Error).message}`);
    }
  }
}

const member = (room: RoomRecord) => `${room.tenantId}:${room.id}`;
