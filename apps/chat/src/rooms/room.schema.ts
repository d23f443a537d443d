import { tenantScopedPlugin } from '@app/tenancy';
import {
  type CloseReason,
  type CsatRating,
  type CsatSource,
  ROOM_PRIORITIES,
  type RoomPriority,
} from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** `offline`: a message left while the chatbot was offline, for an agent to answer by email. */
export type RoomStatus = 'queued' | 'active' | 'closed' | 'offline';
export type { CloseReason };

@Schema({ collection: 'rooms', versionKey: false, timestamps: true })
export class Room {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  /** Per-tenant sequential number people can say aloud ("conversation #42"). */
  @Prop({ required: true })
  displayId!: number;

  @Prop({ required: true })
  chatbotId!: string;

  @Prop({ type: Object, required: true })
  visitor!: {
    id: string;
    name: string;
    email: string;
    ip: string;
    browser: { name?: string; version?: string; os?: string; device?: string };
    /** The email was signed by the tenant's backend (identity verification); absent: not. */
    verified?: boolean;
  };

  @Prop({ type: Object, default: {} })
  answers!: Record<string, string | string[]>;

  @Prop({ type: String, enum: ['queued', 'active', 'closed', 'offline'], required: true })
  status!: RoomStatus;

  @Prop({ type: String, default: null })
  agentId!: string | null;

  /** A category id from the tenant's list, set by the journey or an agent. */
  @Prop({ type: String, default: null })
  category!: string | null;

  @Prop({ type: String, enum: ROOM_PRIORITIES, default: 'normal' })
  priority!: RoomPriority;

  /**
   * `priority` as a number (low 0 … urgent 3), kept beside it because the queue sorts on it:
   * a sort on the name would be alphabetical, and FerretDB has no `$switch` to rank it on read.
   */
  @Prop({ type: Number, default: 1 })
  priorityRank!: number;

  /** The team whose members (and supervisors) may take the room; null: every agent. */
  @Prop({ type: String, default: null })
  teamId!: string | null;

  /** Ids of the tenant's labels an agent put on the room (`GET /api/tenant/labels`). */
  @Prop({ type: [String], default: [] })
  labels!: string[];

  /** The journey version the visitor walked and the nodes of its way, start to end. */
  @Prop({ type: Object, default: null })
  journey!: { version: number; path: string[] } | null;

  @Prop({ type: String, default: null })
  agentName!: string | null;

  @Prop({ required: true })
  queuedAt!: Date;

  @Prop({ type: Date, default: null })
  assignedAt!: Date | null;

  /** The agent who last left the room to the queue: auto-assignment gives it to someone else. */
  @Prop({ type: String, default: null })
  previousAgentId!: string | null;

  /** How many state changes the room went through; change N is `room_transitions` `<room>:N`. */
  @Prop({ required: true, default: 0 })
  version!: number;

  /** Set while the visitor is away (standby): when the room closes as abandoned. */
  @Prop({ type: Date, default: null })
  awayUntil!: Date | null;

  /** The visitor was emailed about an agent reply during the current standby. */
  @Prop({ default: false })
  awayNotified!: boolean;

  @Prop({ type: String, default: null })
  closeReason!: CloseReason | null;

  @Prop({ type: Date, default: null })
  closedAt!: Date | null;

  /** The SLA policy that gave the room its deadlines (see SlaClock); null: none applies. Rooms
   * from before SLAs have none of these fields. */
  @Prop({ type: String, default: null })
  slaPolicyId?: string | null;

  @Prop({ type: Date, default: null })
  firstResponseDueAt?: Date | null;

  @Prop({ type: Date, default: null })
  resolutionDueAt?: Date | null;

  /** The first agent message: the first-response target met (resolution is `closedAt`). */
  @Prop({ type: Date, default: null })
  firstRespondedAt?: Date | null;

  /** When the breach sweep found each target missed (the breach itself is `sla_breaches`). */
  @Prop({ type: Date, default: null })
  firstResponseBreachedAt?: Date | null;

  @Prop({ type: Date, default: null })
  resolutionBreachedAt?: Date | null;

  /** The Intercom conversation the room is bridged to (see intercom/); absent: none. */
  @Prop({ type: String, default: null })
  intercomConversationId?: string | null;

  /** The visitor's satisfaction rating of a resolved conversation, the latest (see csat/). */
  @Prop({ type: Object, default: null })
  csat?: StoredCsat | null;

  createdAt!: Date;
  updatedAt!: Date;
}

/** A rating as kept: `revision` counts the ratings given, so each has an event of its own. */
export interface StoredCsat {
  rating: CsatRating;
  comment: string | null;
  /** ISO text, not a Date: the room cache in Redis revives only top-level dates. */
  ratedAt: string;
  via: CsatSource;
  revision: number;
}

export const RoomSchema = SchemaFactory.createForClass(Room);
RoomSchema.plugin(tenantScopedPlugin);
// Serves the queue (most urgent first, then oldest) and an agent's own rooms.
RoomSchema.index({ tenantId: 1, status: 1, priorityRank: -1, queuedAt: 1, _id: 1 });
// Finds the rooms of a deleted team.
RoomSchema.index({ tenantId: 1, teamId: 1, status: 1 });
// Refuses a display id handed out twice (see DisplayIdAllocator) and finds the highest one.
RoomSchema.index({ tenantId: 1, displayId: 1 }, { unique: true });
RoomSchema.index({ tenantId: 1, agentId: 1, status: 1 });
// Serves the history narrowed to a label, and finds a deleted label's rooms.
RoomSchema.index({ tenantId: 1, labels: 1 });
// Serves the history, newest first (`GET /rooms`), and narrowed to one status.
RoomSchema.index({ tenantId: 1, createdAt: -1, _id: -1 });
RoomSchema.index({ tenantId: 1, status: 1, createdAt: -1, _id: -1 });
// Serves the offline messages, oldest first.
RoomSchema.index({ tenantId: 1, status: 1, queuedAt: 1, _id: 1 });
// Serves a contact's conversations, newest first (and finds them all for an erasure).
RoomSchema.index({ tenantId: 1, 'visitor.email': 1, createdAt: -1 });
// Serve the SLA breach sweep, across tenants: open rooms whose deadline passed.
RoomSchema.index({ firstResponseDueAt: 1, status: 1 });
RoomSchema.index({ resolutionDueAt: 1, status: 1 });
// Serves the history's `csat` filter.
RoomSchema.index({ tenantId: 1, 'csat.rating': 1, createdAt: -1 });

/**
 * One document per state change of a room, `_id` = `<room>:<version it leads to>`. Its unique
 * `_id` decides a race (two agents joining, a close against the standby's expiry): FerretDB v1
 * does not make a conditional update atomic under concurrency, and two concurrent updates of one
 * document can lose each other's fields, but it does refuse a second insert of the same `_id`.
 * Only the change that inserted its document writes the room, so writes to a room never race.
 * The documents double as the room's history.
 */
@Schema({ collection: 'room_transitions', versionKey: false })
export class RoomTransition {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  roomId!: string;

  @Prop({ required: true })
  kind!: string;

  /** The fields the change sets, so that a change whose writer died can be completed. */
  @Prop({ type: Object, required: true })
  change!: Record<string, unknown>;

  @Prop({ required: true })
  at!: Date;
}

export const RoomTransitionSchema = SchemaFactory.createForClass(RoomTransition);
RoomTransitionSchema.plugin(tenantScopedPlugin);
