import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ApiToken, ApiTokenSchema } from './api-token.schema';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensRepository } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';

/** The workspace's server-to-server API tokens (admitted by every service, libs/auth). */
@Module({
  imports: [MongooseModule.forFeature([{ name: ApiToken.name, schema: ApiTokenSchema }])],
  controllers: [ApiTokensController],
  providers: [ApiTokensRepository, ApiTokensService],
})
export class ApiTokensModule {}
