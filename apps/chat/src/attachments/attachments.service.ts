import { InjectConfig } from '@app/config';
import {
  DEFAULT_ATTACHMENT_TYPES,
  type MessageAttachment,
  type Sender,
  type UploadedAttachment,
} from '@app/contracts';
import { TenantContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type ChatConfig } from '../chat.config';
import { DirectoryRepository } from '../directory/directory.repository';
import { attachmentErrors } from './attachment-errors';
import { AttachmentLinks, type StoredAttachment } from './attachment-links';
import { type Uploader } from './attachment.schema';
import { type AttachmentRecord, AttachmentsRepository } from './attachments.repository';
import { cleanName, inspectFile, type Upload } from './file-inspection';
import { ObjectStore } from './object-store';

/** Where a file is going: a room now, or (a journey's image question) the chatbot's next room. */
export type UploadTarget =
  { roomId: string; uploader: Uploader } | { chatbotId: string; uploader: Uploader };

/**
 * Attachments: files checked by their bytes and stored in the object store, their records, the
 * files a message carries, and deleting a conversation's files.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly store: ObjectStore,
    private readonly links: AttachmentLinks,
    private readonly directory: DirectoryRepository,
    @InjectConfig() private readonly config: ChatConfig,
  ) {}

  /**
   * Checks and stores an upload: refused (413, 415) before anything is stored; an image is
   * stored without its metadata, with a thumbnail. The record is written last, so a store that
   * fails halfway leaves no attachment behind (and the objects it took are deleted).
   */
  async upload(target: UploadTarget, upload: Upload): Promise<UploadedAttachment> {
    const tenantId = TenantContext.current();
    if (upload.buffer.length > this.config.ATTACHMENT_MAX_BYTES)
      throw attachmentErrors.tooLarge(this.config.ATTACHMENT_MAX_BYTES);
    const inspected = await inspectFile(upload, await this.allowedTypes(tenantId));
    const id = randomUUID();
    const objectKey = `${tenantId}/${id}`;
    const thumbnailKey = inspected.image ? `${tenantId}/${id}.thumbnail` : null;
    try {
      await this.store.put(objectKey, inspected.body, inspected.contentType);
      if (inspected.image && thumbnailKey)
        await this.store.put(
          thumbnailKey,
          inspected.image.thumbnail,
          inspected.image.thumbnailType,
        );
      const pending = 'chatbotId' in target;
      const record = await this.repository.insert({
        _id: id,
        roomId: pending ? null : target.roomId,
        chatbotId: pending ? target.chatbotId : null,
        uploader: target.uploader,
        name: cleanName(upload.originalName, inspected.contentType),
        size: inspected.body.length,
        contentType: inspected.contentType,
        ...(inspected.image
          ? { width: inspected.image.width, height: inspected.image.height }
          : {}),
        objectKey,
        thumbnailKey,
        messageId: null,
        expiresAt: pending
          ? new Date(Date.now() + this.config.ATTACHMENT_PENDING_TTL_SECONDS * 1000)
          : null,
        createdAt: new Date(),
      });
      return {
        id: record.id,
        name: record.name,
        size: record.size,
        contentType: record.contentType,
        ...(pending ? {} : { url: this.links.link(tenantId, record.id, 'content') }),
      };
    } catch (error) {
      await this.store
        .deleteMany([objectKey, ...(thumbnailKey ? [thumbnailKey] : [])])
        .catch(() => undefined);
      throw error;
    }
  }

  /**
   * The files a message may carry: each an upload of this room by this sender, not sent in
   * another message (`messageRef` names the message being sent: its resend may carry them
   * again). Refused with 400 naming the first that is not.
   */
  async forMessage(
    roomId: string,
    sender: Sender,
    attachmentIds: string[],
    messageRef: string,
  ): Promise<StoredAttachment[]> {
    const found = new Map(
      (await this.repository.findMany(attachmentIds)).map((attachment) => [
        attachment.id,
        attachment,
      ]),
    );
    for (const id of attachmentIds) {
      const attachment = found.get(id);
      if (!attachment || attachment.roomId !== roomId || !sameUploader(attachment.uploader, sender))
        throw attachmentErrors.notUsable(
          'attachmentIds',
          id,
          'is not an upload of yours in this room',
        );
      if (attachment.messageId !== null && attachment.messageId !== messageRef)
        throw attachmentErrors.notUsable('attachmentIds', id, 'was sent already');
    }
    return attachmentIds.map((id) => toStored(found.get(id)!));
  }

  /** Marks the files as sent in `messageRef`; false when another message took one meanwhile. */
  async markSent(attachmentIds: string[], messageRef: string): Promise<boolean> {
    const marked = await this.repository.markSent(attachmentIds, messageRef);
    if (marked.length === attachmentIds.length) return true;
    const stillOurs = await this.repository.findMany(attachmentIds);
    return stillOurs.every((attachment) => attachment.messageId === messageRef);
  }

  /** Gives back the files of a message that was not stored after all. */
  unmarkSent(attachmentIds: string[], messageRef: string): Promise<void> {
    return this.repository.unmarkSent(attachmentIds, messageRef);
  }

  /**
   * Checks that pending uploads (made with `POST /widget/attachments` before the conversation)
   * may go to a new room of `chatbotId`: each exists, is still pending, was made through this
   * chatbot, and has not expired. Refused with 400 naming `field`.
   */
  async checkPending(attachmentIds: string[], chatbotId: string, field: string): Promise<void> {
    const now = new Date();
    const found = new Map(
      (await this.repository.findMany(attachmentIds)).map((attachment) => [
        attachment.id,
        attachment,
      ]),
    );
    for (const id of attachmentIds) {
      const attachment = found.get(id);
      if (
        !attachment ||
        attachment.roomId !== null ||
        attachment.chatbotId !== chatbotId ||
        !attachment.expiresAt ||
        attachment.expiresAt <= now
      )
        throw attachmentErrors.notUsable(field, id, 'is not a pending upload of this chatbot');
    }
  }

  /**
   * Ties pending uploads to the new room of their chatbot (the journey's image answers), once:
   * refused with 400 naming `field` when one is unknown, expired, another chatbot's, or taken.
   * The room's visitor becomes their uploader, so a visitor message may carry them. Answers the
   * files with fresh links.
   */
  async claimForRoom(
    attachmentIds: string[],
    room: { id: string; chatbotId: string; visitor: { id: string } },
    field = 'attachmentIds',
  ): Promise<MessageAttachment[]> {
    await this.checkPending(attachmentIds, room.chatbotId, field);
    const now = new Date();
    const target = { id: room.id, visitorId: room.visitor.id };
    for (const id of attachmentIds) {
      if (!(await this.repository.claim(id, room.chatbotId, target, now)))
        throw attachmentErrors.notUsable(field, id, 'is not a pending upload of this chatbot');
    }
    const tenantId = TenantContext.current();
    const claimed = await this.repository.findMany(attachmentIds);
    return claimed.map((attachment) => this.links.withLinks(tenantId, toStored(attachment)));
  }

  /** The record behind a download link, if it is the tenant in context's. */
  find(id: string): Promise<AttachmentRecord | null> {
    return this.repository.findById(id);
  }

  /** A room's file as the tenant's agents and the room's visitor see it, with fresh links. */
  async described(roomId: string, id: string): Promise<MessageAttachment> {
    const attachment = await this.repository.findById(id);
    if (!attachment || attachment.roomId !== roomId) throw attachmentErrors.notFound();
    return this.links.withLinks(TenantContext.current(), toStored(attachment));
  }

  /**
   * The files among a room's journey answers (an image question is answered with the id of an
   * upload made before the session), by question id, with fresh links. Only uploads the room
   * claimed from its chatbot count, so a text answer that happens to name a file is text.
   */
  async answerFiles(
    roomId: string,
    answers: Record<string, string | string[]>,
  ): Promise<Record<string, MessageAttachment>> {
    const candidates = Object.entries(answers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    if (candidates.length === 0) return {};
    const claimed = new Map(
      (await this.repository.findMany(candidates.map(([, id]) => id)))
        .filter((attachment) => attachment.roomId === roomId && attachment.chatbotId !== null)
        .map((attachment) => [attachment.id, attachment]),
    );
    const tenantId = TenantContext.current();
    return Object.fromEntries(
      candidates.flatMap(([questionId, id]) => {
        const attachment = claimed.get(id);
        return attachment
          ? [[questionId, this.links.withLinks(tenantId, toStored(attachment))]]
          : [];
      }),
    );
  }

  /** Every file of a room (sent or a journey's answer), with fresh links: for an export. */
  async ofRoom(roomId: string): Promise<MessageAttachment[]> {
    const tenantId = TenantContext.current();
    return (await this.repository.ofRoom(roomId)).map((attachment) =>
      this.links.withLinks(tenantId, toStored(attachment)),
    );
  }

  /** Links for the visitor's transcript email, by attachment id (long-lived, absolute). */
  mailLinks(ids: string[]): Map<string, string> {
    const tenantId = TenantContext.current();
    return new Map(ids.map((id) => [id, this.links.mailLink(tenantId, id)]));
  }

  /**
   * Deletes a room's files: their objects first, then the records, so that a store that is down
   * fails the deletion (503) before anything is lost track of.
   */
  async deleteForRoom(roomId: string): Promise<number> {
    const attachments = await this.repository.ofRoom(roomId);
    const keys = attachments.flatMap((attachment) =>
      attachment.thumbnailKey
        ? [attachment.objectKey, attachment.thumbnailKey]
        : [attachment.objectKey],
    );
    await this.store.deleteMany(keys);
    await this.repository.deleteMany(attachments.map((attachment) => attachment.id));
    return attachments.length;
  }

  private async allowedTypes(tenantId: string): Promise<readonly string[]> {
    const tenant = await this.directory.findTenant(tenantId);
    return tenant?.attachmentTypes ?? DEFAULT_ATTACHMENT_TYPES;
  }
}

function sameUploader(uploader: Uploader, sender: Sender): boolean {
  return uploader.type === sender.type && uploader.id === sender.id;
}

function toStored(attachment: AttachmentRecord): StoredAttachment {
  return {
    id: attachment.id,
    name: attachment.name,
    size: attachment.size,
    contentType: attachment.contentType,
    ...(attachment.width !== undefined
      ? { width: attachment.width, height: attachment.height }
      : {}),
    hasThumbnail: attachment.thumbnailKey !== null,
  };
}
