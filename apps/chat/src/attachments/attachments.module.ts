import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DirectoryModule } from '../directory/directory.module';
import { AttachmentLinks } from './attachment-links';
import { Attachment, AttachmentSchema } from './attachment.schema';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';
import { ObjectStore } from './object-store';
import { PendingUploadsSweep } from './pending-uploads.sweep';
import { StorageHealth } from './storage.health';

/**
 * Files of conversations: the object store, their records, their links. Below messages (a
 * message carries files); the routes are in AttachmentRoutesModule, above rooms and the widget.
 */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: Attachment.name, schema: AttachmentSchema }]),
    DirectoryModule,
  ],
  providers: [
    AttachmentLinks,
    AttachmentsRepository,
    AttachmentsService,
    ObjectStore,
    PendingUploadsSweep,
    StorageHealth,
  ],
  exports: [AttachmentLinks, AttachmentsService, ObjectStore, PendingUploadsSweep, StorageHealth],
})
export class AttachmentsModule {}
