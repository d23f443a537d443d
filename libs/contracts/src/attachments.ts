/**
 * Attachments: files in a conversation. No zod here, so the widget can import the values
 * without pulling in a validation library.
 */

/** The content types Parley knows how to recognise by their bytes (text has no magic bytes). */
export const KNOWN_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export type AttachmentType = (typeof KNOWN_ATTACHMENT_TYPES)[number];

/** What a tenant accepts until its admins say otherwise: images, PDF and plain text. */
export const DEFAULT_ATTACHMENT_TYPES: readonly AttachmentType[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
];

/** Images are shown inline (and get a thumbnail); every other file is a download. */
export const isImageType = (contentType: string): boolean => contentType.startsWith('image/');

/** The most attachments one message may carry. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** The answer to an upload (`POST /rooms/:id/attachments`, `POST /widget/attachments`). */
export interface UploadedAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** A short-lived download link (absent for an upload that waits for its conversation). */
  url?: string;
}

/** An attachment as a message carries it; the links are fresh each time a message is handed out. */
export interface MessageAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** Images only: the size in pixels after the upload was cleaned. */
  width?: number;
  height?: number;
  /** Images only: a small version (at most 320 px wide). */
  thumbnailUrl?: string;
  url: string;
}
