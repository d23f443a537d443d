import { Module } from '@nestjs/common';
import { CsatLinks } from './csat-links';

/** The transcript's rating links, which the messages module's transcript mail carries. */
@Module({ providers: [CsatLinks], exports: [CsatLinks] })
export class CsatLinksModule {}
