import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BlockedVisitor, BlockedVisitorSchema } from './blocked-visitor.schema';
import { BlockedVisitorsRepository } from './blocked-visitors.repository';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: BlockedVisitor.name, schema: BlockedVisitorSchema }]),
  ],
  providers: [BlockedVisitorsRepository],
  exports: [BlockedVisitorsRepository],
})
export class BlockingModule {}
