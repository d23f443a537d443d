import { tenantScopedPlugin } from '@app/tenancy';
import { type AgentStatus, DEFAULT_MAX_CONCURRENT_CHATS, type WeeklyHours } from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** `unverified`: signed up with a password, waiting for the emailed link (never announced). */
export type UserStatus = AgentStatus | 'unverified';

/** Statuses whose email address is not proven yet: they hold no claim on it. */
export const UNCLAIMED_STATUSES: readonly UserStatus[] = ['invited', 'unverified'];

@Schema({ collection: 'users', versionKey: false, timestamps: true })
export class User {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true, lowercase: true, trim: true })
  email!: string;

  /**
   * The address once proven (verified sign-up, accepted invitation, Google): one account per
   * address. `unclaimed:<id>` until then, so an invitation or an unverified sign-up reserves
   * nothing and the first to prove the address gets it.
   */
  @Prop({ type: String, required: true })
  emailClaim!: string;

  @Prop({ required: true, trim: true })
  name!: string;

  /** bcrypt; absent for an invited user and for one who only signs in with Google. */
  @Prop({ type: String, default: null })
  passwordHash!: string | null;

  @Prop({ type: [String], default: [] })
  roleIds!: string[];

  @Prop({
    type: String,
    enum: ['unverified', 'invited', 'active', 'deactivated'],
    required: true,
  })
  status!: UserStatus;

  @Prop({ default: DEFAULT_MAX_CONCURRENT_CHATS })
  maxConcurrentChats!: number;

  /** Weekly working hours in the tenant's time zone; none: always on shift. */
  @Prop({ type: [Object], default: [] })
  shifts!: WeeklyHours;

  /** Addresses the user signed in from (shown to admins; capped). */
  @Prop({ type: [String], default: [] })
  ipAddresses!: string[];

  @Prop({ type: String, default: null })
  googleSubject!: string | null;

  /** Access tokens issued before this second are refused (logout everywhere, deactivation). */
  @Prop({ type: Date, default: null })
  sessionsRevokedAt!: Date | null;

  @Prop({ type: Date, default: null })
  lastSignInAt!: Date | null;

  createdAt!: Date;
  updatedAt!: Date;
}

export const UserSchema = SchemaFactory.createForClass(User);
UserSchema.plugin(tenantScopedPlugin);
// Sign-in looks accounts up by their proven email across tenants: one account per address.
UserSchema.index({ emailClaim: 1 }, { unique: true });
// Serves "is this address already invited here" and finding unverified sign-ups of an address.
UserSchema.index({ email: 1, status: 1 });
// Serves the agent list and the last-admin check.
UserSchema.index({ tenantId: 1, status: 1 });
