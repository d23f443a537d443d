import { insertFirst } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { BlockedVisitor } from './blocked-visitor.schema';

/** The visitors the tenant in context blocked, by email and by address. */
@Injectable()
export class BlockedVisitorsRepository {
  constructor(@InjectModel(BlockedVisitor.name) private readonly blocked: Model<BlockedVisitor>) {}

  async isBlocked(email: string, ip: string): Promise<boolean> {
    const found = await this.blocked.exists({
      $or: [
        { kind: 'email', value: email.toLowerCase() },
        { kind: 'ip', value: ip },
      ],
    });
    return found !== null;
  }

  /** Blocks the visitor of a room by both their email and their address. */
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
