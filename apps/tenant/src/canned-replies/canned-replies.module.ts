import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CannedRepliesController } from './canned-replies.controller';
import { CannedRepliesRepository } from './canned-replies.repository';
import { CannedRepliesService } from './canned-replies.service';
import { CannedReply, CannedReplySchema } from './canned-reply.schema';

/** Saved replies agents insert in the composer. */
@Module({
  imports: [MongooseModule.forFeature([{ name: CannedReply.name, schema: CannedReplySchema }])],
  controllers: [CannedRepliesController],
  providers: [CannedRepliesRepository, CannedRepliesService],
})
export class CannedRepliesModule {}
