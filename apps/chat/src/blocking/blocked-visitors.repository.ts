import { InjectConfig } from '@app/config';
import { type VisitorBlockView } from '@app/contracts';
import { isDuplicateKey } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type FilterQuery, type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { type ChatConfig } from '../chat.config';
import { BlockedVisitor } from './blocked-visitor.schema';

/** The blocklist page shows this many of the newest blocks. */
const LISTED_BLOCKS = 500;

/** Blocks still in force: email blocks, and address blocks that have not lapsed. */
function inForce(now = new Date()): FilterQuery<BlockedVisitor> {
  return { $or: [{ expiresAt: { $exists: false } }, { expiresAt: { $gt: now } }] };
}

/** The visitors the tenant in context blocked, by email and by address. */
@Injectable()
export class BlockedVisitorsRepository {
  constructor(
    @InjectModel(BlockedVisitor.name) private readonly blocked: Model<BlockedVisitor>,
    @InjectConfig() private readonly config: ChatConfig,
  ) {}

  async isBlocked(email: string, ip: string): Promise<boolean> {
    const found = await this.blocked.exists({
      $and: [
        {
          $or: [
            { kind: 'email', value: email.toLowerCase() },
            { kind: 'ip', value: ip },
          ],
        },
        inForce(),
      ],
    });
    return found !== null;
  }

  async isAddressBlocked(ip: string): Promise<boolean> {
    return (await this.blocked.exists({ $and: [{ kind: 'ip', value: ip }, inForce()] })) !== null;
  }

  /**
   * Blocks the visitor of a room by both their email and their address. Blocking someone already
   * blocked renews the block (a lapsed address block starts again).
   */
  async block(
    visitor: { email: string; ip: string },
    roomId: string,
    blockedBy: { id: string; name: string } | undefined,
  ): Promise<void> {
    const now = new Date();
    const addressExpiry = new Date(now.getTime() + this.config.ADDRESS_BLOCK_TTL_SECONDS * 1000);
    for (const [kind, value] of [
      ['email', visitor.email.toLowerCase()],
      ['ip', visitor.ip],
    ] as const) {
      try {
        await this.blocked.updateOne(
          { kind, value },
          {
            $set: {
              roomId,
              createdAt: now,
              ...(blockedBy ? { blockedBy } : {}),
              ...(kind === 'ip' ? { expiresAt: addressExpiry } : {}),
            },
            $setOnInsert: { _id: randomUUID() },
          },
          // createdAt is the time of the latest block, set above, not the first insert's.
          { upsert: true, timestamps: false },
        );
      } catch (error) {
        // Another agent blocked the same visitor at the same moment: blocked either way.
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }

  /** The blocks in force, newest first. */
  async list(): Promise<VisitorBlockView[]> {
    const blocks = await this.blocked
      .find(inForce())
      .sort({ createdAt: -1 })
      .limit(LISTED_BLOCKS)
      .lean<BlockedVisitor[]>();
    return blocks.map((block) => ({
      id: block._id,
      kind: block.kind,
      value: block.value,
      roomId: block.roomId ?? null,
      blockedBy: block.blockedBy ?? null,
      createdAt: block.createdAt,
      expiresAt: block.expiresAt ?? null,
    }));
  }

  /** Lifts a block; false when the tenant has no such block. */
  async lift(id: string): Promise<boolean> {
    return (await this.blocked.deleteOne({ _id: id })).deletedCount === 1;
  }
}
