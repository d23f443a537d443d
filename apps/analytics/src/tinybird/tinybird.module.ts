import { Module } from '@nestjs/common';
import { TinybirdForwarderService } from './tinybird-forwarder.service';

/** Every event streamed to Tinybird when `TINYBIRD_TOKEN` is set (the forwarder idles otherwise). */
@Module({ providers: [TinybirdForwarderService] })
export class TinybirdModule {}
