import { tenantScopedPlugin } from '@app/tenancy';
import { type AgentStatus, DEFAULT_MAX_CONCURRENT_CHATS } from '@app/contracts';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type UserStatus = AgentStatus;

@Schema({ collection: 'users', versionKey: false, timestamps: true })
export class User {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true, lowercase: true, trim: true })
  email!: string;

  @Prop({ required: true, trim: true })
  name!: string;

  /** bcrypt; absent for an invited user and for one who only signs in with Google. */
  @Prop({ type: String, default: null })
  passwordHash!: string | null;

  @Prop({ type: [String], default: [] })
  roleIds!: string[];

  @Prop({ type: String, enum: ['invited', 'active', 'deactivated'], required: true })
  status!: UserStatus;

  @Prop({ default: DEFAULT_MAX_CONCURRENT_CHATS })
  maxConcurrentChats!: number;

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
// Sign-in looks accounts up by email across tenants: one account per email address.
UserSchema.index({ email: 1 }, { unique: true });
// Serves the agent list and the last-admin check.
UserSchema.index({ tenantId: 1, status: 1 });
