import { tenantScopedPlugin } from '@app/tenancy';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * That a refresh or one-time token was spent, `_id` = the token's id. The unique `_id` decides
 * two requests spending one token at once: FerretDB v1 does not make the conditional update
 * `usedAt: null → now` atomic under concurrency, but it does refuse a second insert of an `_id`.
 */
@Schema({ collection: 'token_spends', versionKey: false })
export class TokenSpend {
  @Prop({ type: String, required: true })
  _id!: string;

  tenantId!: string;

  @Prop({ required: true })
  at!: Date;
}

export const TokenSpendSchema = SchemaFactory.createForClass(TokenSpend);
TokenSpendSchema.plugin(tenantScopedPlugin);
