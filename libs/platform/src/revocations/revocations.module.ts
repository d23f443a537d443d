import { Module } from '@nestjs/common';
import { RevocationEventsController } from './revocation-events.controller';

/** The consumer that keeps the revocation list every request is checked against. */
@Module({ controllers: [RevocationEventsController] })
export class RevocationsModule {}
