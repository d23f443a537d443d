import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BlockedVisitor, BlockedVisitorSchema } from './blocked-visitor.schema';
import { BlockedVisitorsRepository } from './blocked-visitors.repository';
import { BlocksController } from './blocks.controller';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: BlockedVisitor.name, schema: BlockedVisitorSchema }]),
  ],
  controllers: [BlocksController],
  providers: [BlockedVisitorsRepository],
  exports: [BlockedVisitorsRepository],
})
export class BlockingModule {}
