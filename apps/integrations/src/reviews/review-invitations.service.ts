import { InjectConfig } from '@app/config';
import {
  type CloseReason,
  type ReviewInvitationDay,
  type ReviewInvitationsPage,
  type ReviewInvitationStats,
  type ReviewInvitationStatus,
  type ReviewInvitationView,
} from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { type IntegrationsConfig } from '../integrations.config';
import { InvitationDispatcher } from './invitation-dispatcher.service';
import { InvitationLocks } from './invitation-locks';
import { decideOnClose, invitationId, isGoodRating, maskEmail } from './invitation-rules';
import { ReviewConversationFactsRepository } from './review-conversation-facts.repository';
import { reviewErrors } from './review-errors';
import { type Consumer } from './review-invitation.schema';
import { ReviewInvitationsRepository, toInvitationView } from './review-invitations.repository';
import {
  type ConnectionRecord,
  TrustpilotConnectionsRepository,
} from './trustpilot-connections.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A closed conversation that may earn an invitation. */
interface ClosedConversation {
  conversationId: string;
  source: 'parley' | 'intercom';
  /** Whom to invite; null when nobody is known. */
  consumer: Consumer | null;
  /** False when Parley never learnt who the visitor was. */
  visitorKnown: boolean;
  /** Whether a Parley rating can come (a conversation only in Intercom has none). */
  rateable: boolean;
}

/**
 * Review invitations of the tenant in context: what the chat and Intercom events make of them
 * (one per conversation, whichever close comes first and however often), the ratings they wait
 * for, the retry action, the log and its counts per day.
 */
@Injectable()
export class ReviewInvitationsService {
  private readonly logger = new Logger(ReviewInvitationsService.name);

  constructor(
    @InjectConfig() private readonly config: IntegrationsConfig,
    private readonly invitations: ReviewInvitationsRepository,
    private readonly facts: ReviewConversationFactsRepository,
    private readonly connections: TrustpilotConnectionsRepository,
    private readonly locks: InvitationLocks,
    private readonly dispatcher: InvitationDispatcher,
  ) {}

  /** Keeps an opening conversation's visitor, only for a workspace that invites reviews. */
  async visitorSeen(roomId: string, visitor: Consumer): Promise<void> {
    const connection = await this.connections.findEnabled();
    if (!connection) return;
    const id = this.idOf(roomId);
    const consumer = { email: visitor.email.trim(), name: visitor.name.trim() };
    // The close was read first (topics are read apart, e.g. from a backlog): decide it now.
    if (await this.invitations.findById(id)) return this.visitorFound(connection, id, consumer);
    await this.facts.keepVisitor({
      _id: id,
      roomId,
      ...consumer,
      expiresAt: new Date(Date.now() + this.config.TRUSTPILOT_VISITOR_RETENTION_MS),
    });
  }

  /** A Parley room closed: resolved, it may earn an invitation; its visitor is not kept either way. */
  async roomClosed(roomId: string, reason: CloseReason): Promise<void> {
    const connection = await this.connections.find();
    if (!connection) return;
    const id = this.idOf(roomId);
    if (reason === 'resolved' && connection.enabled) {
      const visitor = await this.facts.visitor(id);
      await this.open(connection, {
        conversationId: roomId,
        source: 'parley',
        consumer: visitor && { email: visitor.email, name: visitor.name },
        visitorKnown: visitor !== null,
        rateable: true,
      });
    }
    await this.facts.forgetVisitor(id);
  }

  /** An Intercom admin closed a bridged conversation: the same trigger as a resolved close. */
  async intercomClosed(
    conversationId: string,
    contact: { email: string | null; name: string | null },
    rateable: boolean,
  ): Promise<void> {
    const connection = await this.connections.findEnabled();
    if (!connection) return;
    const email = contact.email?.trim() ?? '';
    await this.open(connection, {
      conversationId,
      source: 'intercom',
      consumer: email ? { email, name: contact.name?.trim() ?? '' } : null,
      visitorKnown: true,
      rateable,
    });
  }

  /** A rating: kept (it may be read before its close), and it settles an invitation waiting for it. */
  async rated(roomId: string, revision: number, rating: number): Promise<void> {
    if (!(await this.connections.findEnabled())) return;
    const id = this.idOf(roomId);
    await this.facts.keepRating({
      invitationId: id,
      revision,
      rating,
      expiresAt: new Date(Date.now() + this.config.TRUSTPILOT_VISITOR_RETENTION_MS),
    });
    await this.reconsider(id);
  }

  /**
   * Settles an invitation waiting for a rating: sent for a 4 or 5, skipped below, skipped as not
   * rated once its deadline passed; left waiting otherwise.
   */
  async reconsider(id: string): Promise<void> {
    const dispatch = await this.locks.change(id, async () => {
      const invitation = await this.invitations.findById(id);
      if (invitation?.status !== 'waiting_rating') return false;
      const now = new Date();
      const rating = await this.facts.latestRating(id);
      if (rating !== null && isGoodRating(rating)) {
        await this.invitations.update(id, {
          status: 'pending',
          rating,
          ratingDeadline: null,
          nextAttemptAt: now,
        });
        return true;
      }
      if (rating !== null) await this.skip(id, 'rated_below_4', now, { rating });
      else if (invitation.ratingDeadline && invitation.ratingDeadline <= now)
        await this.skip(id, 'not_rated', now, {});
      return false;
    });
    if (dispatch) this.dispatcher.dispatch(TenantContext.current(), id);
  }

  /** Sends a parked invitation again, with a fresh round of retries. */
  async retry(id: string): Promise<ReviewInvitationView> {
    const invitation = await this.invitations.findById(id);
    if (!invitation) throw reviewErrors.invitationNotFound();
    if (!(await this.connections.findEnabled())) throw reviewErrors.disabled();
    await this.locks.change(id, async () => {
      const current = await this.invitations.findById(id);
      if (current?.status !== 'failed') throw reviewErrors.notRetryable(current?.status ?? 'gone');
      await this.invitations.update(id, {
        status: 'pending',
        failures: 0,
        nextAttemptAt: new Date(),
        settledAt: null,
      });
    });
    this.dispatcher.dispatch(TenantContext.current(), id);
    return toInvitationView((await this.invitations.findById(id))!);
  }

  /**
   * A conversation deleted, or a contact erased with its conversations: nothing of them stays
   * here either (invitations, visitors, ratings), and nothing more goes out to that email.
   */
  async erase(roomIds: string[], email: string | null): Promise<void> {
    const ids = new Set(roomIds.map((roomId) => this.idOf(roomId)));
    if (email) for (const id of await this.invitations.unsentTo(email)) ids.add(id);
    for (const id of ids)
      await this.locks.change(id, async () => {
        await this.invitations.delete(id);
        await this.facts.forgetConversation(id);
      });
  }

  /** Trustpilot was disconnected: nothing more goes out, and no visitor data stays. */
  async skipUnsettled(): Promise<void> {
    const now = new Date();
    for (const { _id } of await this.invitations.unsettled())
      await this.locks.change(_id, async () => {
        const current = await this.invitations.findById(_id);
        if (current && ['waiting_rating', 'pending', 'failed'].includes(current.status))
          await this.skip(_id, 'disconnected', now, {});
      });
    await this.facts.forgetAllVisitors();
  }

  page(query: {
    status?: ReviewInvitationStatus;
    limit: number;
    cursor?: string;
  }): Promise<ReviewInvitationsPage> {
    return this.invitations.page(query);
  }

  /** Invitations sent, failed and skipped per UTC day, the last `days` days (today included). */
  async stats(days: number): Promise<ReviewInvitationStats> {
    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const first = today - (days - 1) * DAY_MS;
    const byDay = new Map<string, ReviewInvitationDay>();
    for (let day = first; day <= today; day += DAY_MS) {
      const date = new Date(day).toISOString().slice(0, 10);
      byDay.set(date, { date, sent: 0, failed: 0, skipped: 0 });
    }
    for (const { status, settledAt } of await this.invitations.settledSince(new Date(first))) {
      const counts = settledAt && byDay.get(settledAt.toISOString().slice(0, 10));
      if (counts && (status === 'sent' || status === 'failed' || status === 'skipped'))
        counts[status] += 1;
    }
    return { days: [...byDay.values()] };
  }

  /**
   * Creates the conversation's invitation, decided at once where it can be: the insert of its
   * `_id` is the claim, so a second close (a duplicate event, another replica, the Intercom close
   * of a room closed in Parley) finds it there and changes nothing.
   */
  private async open(connection: ConnectionRecord, closed: ClosedConversation): Promise<void> {
    const id = this.idOf(closed.conversationId);
    const decided = await this.decide(connection, id, closed);
    const created = await this.invitations.create({
      _id: id,
      conversationId: closed.conversationId,
      source: closed.source,
      ...decided,
      attempts: 0,
      failures: 0,
      attemptStartedAt: null,
      lastError: null,
      sentAt: null,
    });
    if (created) await this.follow(id, decided);
  }

  /**
   * The visitor of a room whose resolved close was read before its opening: an invitation
   * skipped for want of them is decided again (it was never sent, so this sends it at most once).
   */
  private async visitorFound(
    connection: ConnectionRecord,
    id: string,
    consumer: Consumer,
  ): Promise<void> {
    const decided = await this.locks.change(id, async () => {
      const invitation = await this.invitations.findById(id);
      if (invitation?.skipReason !== 'visitor_unknown') return null;
      const fields = await this.decide(connection, id, {
        consumer,
        visitorKnown: true,
        rateable: true,
      });
      await this.invitations.update(id, fields);
      return fields;
    });
    if (decided) await this.follow(id, decided);
  }

  /** What a close makes of an invitation (see decideOnClose), as the fields to store. */
  private async decide(
    connection: ConnectionRecord,
    id: string,
    closed: Pick<ClosedConversation, 'consumer' | 'visitorKnown' | 'rateable'>,
  ) {
    const now = new Date();
    const rating =
      connection.onlyRatedFourOrFive && closed.rateable ? await this.facts.latestRating(id) : null;
    const { status, skipReason } = decideOnClose({
      consumer: closed.consumer,
      visitorKnown: closed.visitorKnown,
      onlyRatedFourOrFive: connection.onlyRatedFourOrFive,
      rateable: closed.rateable,
      rating,
    });
    return {
      status,
      skipReason,
      consumer: status === 'skipped' ? null : closed.consumer,
      recipient: closed.consumer?.email ? maskEmail(closed.consumer.email) : null,
      rating,
      ratingDeadline:
        status === 'waiting_rating'
          ? new Date(now.getTime() + this.config.TRUSTPILOT_RATING_WAIT_MS)
          : null,
      nextAttemptAt: status === 'pending' ? now : null,
      settledAt: status === 'skipped' ? now : null,
    };
  }

  /** After a decision: send it now, or settle it if its rating was read meanwhile. */
  private async follow(
    id: string,
    decided: { status: string; skipReason: string | null },
  ): Promise<void> {
    if (decided.status === 'skipped')
      this.logger.log(`review invitation ${id} skipped: ${decided.skipReason ?? 'unknown'}`);
    if (decided.status === 'pending') this.dispatcher.dispatch(TenantContext.current(), id);
    // A rating read while this was being decided found no invitation to settle: look again.
    if (decided.status === 'waiting_rating') await this.reconsider(id);
  }

  private async skip(
    id: string,
    reason: 'rated_below_4' | 'not_rated' | 'disconnected',
    at: Date,
    extra: { rating?: number },
  ): Promise<void> {
    this.logger.log(`review invitation ${id} skipped: ${reason}`);
    await this.invitations.update(id, {
      ...extra,
      status: 'skipped',
      skipReason: reason,
      consumer: null,
      ratingDeadline: null,
      nextAttemptAt: null,
      settledAt: at,
    });
  }

  private idOf(conversationId: string): string {
    return invitationId(TenantContext.current(), conversationId);
  }
}
