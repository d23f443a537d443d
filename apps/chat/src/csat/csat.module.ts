import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { urlencoded } from 'express';
import { DirectoryModule } from '../directory/directory.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RoomsModule } from '../rooms/rooms.module';
import { CsatLinksModule } from './csat-links.module';
import { CsatController } from './csat.controller';
import { CsatLinksController } from './csat-links.controller';
import { CsatService } from './csat.service';

/** Visitors' satisfaction ratings of resolved conversations: from the widget and from email. */
@Module({
  imports: [CsatLinksModule, DirectoryModule, RealtimeModule, RoomsModule],
  controllers: [CsatController, CsatLinksController],
  providers: [CsatService],
})
export class CsatModule implements NestModule {
  // The thank-you page's form posts URL-encoded, the only route that takes it.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(urlencoded({ extended: false, limit: '8kb' })).forRoutes(CsatLinksController);
  }
}
