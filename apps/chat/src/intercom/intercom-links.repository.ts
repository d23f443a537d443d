import { insertFirst } from '@app/database';
import { asSystem, findOwnById, TenantContext, updateOwn } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type Model } from 'mongoose';
import { IntercomForward, IntercomLink } from './intercom-link.schema';

export type LinkRecord = IntercomLink;

/**
 * How long a claim (a conversation being started, a message being forwarded) holds: far longer
 * than the calls take with their retries; a replica that died holding one is taken over after.
 */
export const CLAIM_LEASE_MS = 120_000;

/** The outcome of claiming work: ours to do, done already, or someone else's right now. */
export type Claim<T> = { kind: 'ours' } | { kind: 'done'; record: T } | { kind: 'busy' };

/** Rooms bridged to Intercom conversations, and the visitor messages forwarded to them. */
@Injectable()
export class IntercomLinksRepository {
  constructor(
    @InjectModel(IntercomLink.name) private readonly links: Model<IntercomLink>,
    @InjectModel(IntercomForward.name) private readonly forwards: Model<IntercomForward>,
  ) {}

  find(roomId: string): Promise<LinkRecord | null> {
    return findOwnById(this.links, roomId);
  }

  async byConversation(intercomConversationId: string): Promise<LinkRecord | null> {
    return this.links.findOne({ intercomConversationId }).lean<LinkRecord>().exec();
  }

  /**
   * Claims starting the room's conversation: the first insert of the room's link wins; a link
   * whose conversation was started is `done`; a claim past its lease is taken over.
   */
  async claimStart(roomId: string, now: Date): Promise<Claim<LinkRecord>> {
    if (await insertFirst(this.links, { _id: roomId, claimedAt: now, state: 'open' })) {
      return { kind: 'ours' };
    }
    const link = await this.find(roomId);
    if (!link) return { kind: 'busy' };
    if (link.intercomConversationId) return { kind: 'done', record: link };
    if (now.getTime() - link.claimedAt.getTime() < CLAIM_LEASE_MS) return { kind: 'busy' };
    const { modifiedCount } = await this.links
      .updateOne({ _id: roomId, claimedAt: link.claimedAt }, { $set: { claimedAt: now } })
      .exec();
    return modifiedCount === 1 ? { kind: 'ours' } : { kind: 'busy' };
  }

  async started(
    roomId: string,
    intercomConversationId: string,
    contact: NonNullable<LinkRecord['contact']>,
    pollDueAt: Date,
  ): Promise<void> {
    await updateOwn(
      this.links,
      { id: roomId, tenantId: TenantContext.current() },
      { $set: { intercomConversationId, contact, pollDueAt } },
    );
  }

  /** Intercom had news of the conversation: the poll waits for another quiet spell. */
  async heardFrom(roomId: string, pollDueAt: Date): Promise<void> {
    await updateOwn(
      this.links,
      { id: roomId, tenantId: TenantContext.current() },
      { $set: { pollDueAt } },
    );
  }

  async closed(roomId: string, closedPartId: string): Promise<void> {
    await updateOwn(
      this.links,
      { id: roomId, tenantId: TenantContext.current() },
      { $set: { state: 'closed', closedPartId, pollDueAt: null } },
    );
  }

  /** Open conversations of every tenant whose poll is due, longest due first. */
  pollDue(now: Date, limit: number): Promise<LinkRecord[]> {
    return asSystem('the Intercom polling fallback', () =>
      this.links
        .find({ state: 'open', pollDueAt: { $lte: now } })
        .sort({ pollDueAt: 1 })
        .limit(limit)
        .lean<LinkRecord[]>()
        .exec(),
    );
  }

  /**
   * Claims forwarding one message, as `claimStart` claims a start. A start's claim past its lease
   * in a room whose conversation was started (`started`) went into that start (its replica died
   * between the link and the marks): it is marked forwarded, never sent again.
   */
  async claimForward(
    messageId: string,
    roomId: string,
    purpose: 'start' | 'reply',
    now: Date,
    started = false,
  ): Promise<Claim<IntercomForward>> {
    if (
      await insertFirst(this.forwards, {
        _id: messageId,
        roomId,
        purpose,
        state: 'claimed',
        claimedAt: now,
      })
    )
      return { kind: 'ours' };
    const forward = await findOwnById(this.forwards, messageId);
    if (!forward) return { kind: 'busy' };
    if (forward.state === 'forwarded') return { kind: 'done', record: forward };
    if (now.getTime() - forward.claimedAt.getTime() < CLAIM_LEASE_MS) return { kind: 'busy' };
    if (forward.purpose === 'start' && started) {
      await this.forwarded([messageId], null);
      return { kind: 'done', record: { ...forward, state: 'forwarded' } };
    }
    const { modifiedCount } = await this.forwards
      .updateOne(
        { _id: messageId, state: 'claimed', claimedAt: forward.claimedAt },
        { $set: { claimedAt: now, purpose } },
      )
      .exec();
    return modifiedCount === 1 ? { kind: 'ours' } : { kind: 'busy' };
  }

  async forwarded(messageIds: string[], partId: string | null): Promise<void> {
    await this.forwards
      .updateMany({ _id: { $in: messageIds } }, { $set: { state: 'forwarded', partId } })
      .exec();
  }

  /** Gives up claims whose call failed, so a retry can claim them again at once. */
  async releaseForwards(messageIds: string[]): Promise<void> {
    await this.forwards.deleteMany({ _id: { $in: messageIds }, state: 'claimed' }).exec();
  }

  async releaseStart(roomId: string): Promise<void> {
    await this.links.deleteOne({ _id: roomId, intercomConversationId: null }).exec();
  }
}
