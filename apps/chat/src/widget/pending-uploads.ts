/**
 * Uploads a widget made before its session (a journey's image question), claimed by the room
 * the session opens. The attachments module provides it (`AttachmentsService.claimForRoom`);
 * until it is wired in, image answers are refused as uploads unavailable.
 */
export interface PendingUploads {
  /** Ties the uploads to the room; refuses ids that are not this tenant's pending uploads. */
  claimForRoom(ids: string[], roomId: string): Promise<void>;
}

export const PENDING_UPLOADS = Symbol('PENDING_UPLOADS');
