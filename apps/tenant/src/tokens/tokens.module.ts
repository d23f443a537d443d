import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccessTokensService } from './access-tokens.service';
import { JwksController } from './jwks.controller';
import { OneTimeToken, OneTimeTokenSchema } from './one-time-token.schema';
import { OneTimeTokensService } from './one-time-tokens.service';
import { RefreshToken, RefreshTokenSchema } from './refresh-token.schema';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsService } from './sessions.service';
import { TokenRevocations } from './token-revocations.service';
import { TokenSpend, TokenSpendSchema } from './token-spend.schema';

/** Sessions (refresh-token families), access tokens and their JWKS, the links sent by email. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: OneTimeToken.name, schema: OneTimeTokenSchema },
      { name: TokenSpend.name, schema: TokenSpendSchema },
    ]),
  ],
  controllers: [JwksController],
  providers: [
    RefreshTokensRepository,
    AccessTokensService,
    SessionsService,
    OneTimeTokensService,
    TokenRevocations,
  ],
  exports: [SessionsService, OneTimeTokensService, TokenRevocations],
})
export class TokensModule {}
