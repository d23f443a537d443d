import { tenantScopedPlugin } from '@app/auth';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type RoomStatus = 'queued' | 'active' | 'closed';
export type CloseReason = 'resolved' | 'abandoned' | 'stale' | 'blocked';

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
  };

  @Prop({ type: Object, default: {} })
  answers!: Record<string, string | string[]>;

  @Prop({ type: String, enum: ['queued', 'active', 'closed'], required: true })
  status!: RoomStatus;

  @Prop({ type: String, default: null })
  agentId!: string | null;

  @Prop({ type: String, default: null })
  agentName!: string | null;

  /** The last sequence number handed out; the next message gets lastSeq + 1. */
  @Prop({ default: 0 })
  lastSeq!: number;

  @Prop({ required: true })
  queuedAt!: Date;

  @Prop({ type: Date, default: null })
  assignedAt!: Date | null;

  /** How many times the room was assigned; a claim names the assignment it makes. */
  @Prop({ default: 0 })
  assignments!: number;

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

  createdAt!: Date;
  updatedAt!: Date;
}

export const RoomSchema = SchemaFactory.createForClass(Room);
RoomSchema.plugin(tenantScopedPlugin);
// Serves the queue (oldest first) and an agent's own rooms.
RoomSchema.index({ tenantId: 1, status: 1, queuedAt: 1 });
RoomSchema.index({ tenantId: 1, agentId: 1, status: 1 });

/**
 * One document per assignment of a room, `_id` = `<room>:<assignment number>`. Its unique `_id`
 * decides a race between agents: FerretDB v1 does not make a conditional update atomic under
 * concurrency, but it does refuse a second insert of the same `_id`.
 */
@Schema({ collection: 'room_claims', versionKey: false })
export class RoomClaim {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  agentId!: string;

  @Prop({ required: true })
  claimedAt!: Date;
}

export const RoomClaimSchema = SchemaFactory.createForClass(RoomClaim);
RoomClaimSchema.plugin(tenantScopedPlugin);

/** Visitors a tenant blocked, by email or by address. */
@Schema({ collection: 'blocked_visitors', versionKey: false, timestamps: true })
export class BlockedVisitor {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ type: String, enum: ['email', 'ip'], required: true })
  kind!: 'email' | 'ip';

  @Prop({ required: true })
  value!: string;

  @Prop()
  roomId?: string;
}

export const BlockedVisitorSchema = SchemaFactory.createForClass(BlockedVisitor);
BlockedVisitorSchema.plugin(tenantScopedPlugin);
BlockedVisitorSchema.index({ tenantId: 1, kind: 1, value: 1 }, { unique: true });

/** Per-tenant counters (display ids). */
@Schema({ collection: 'counters', versionKey: false })
export class Counter {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ default: 0 })
  value!: number;
}

export const CounterSchema = SchemaFactory.createForClass(Counter);
CounterSchema.plugin(tenantScopedPlugin);
