/**
 * Uploads a widget made before its session (a journey's image question), claimed by the room
 * the session opens. The attachments module's `AttachmentsService` is it (WidgetModule wires
 * it); the widget depends only on these two calls.
 */
export interface PendingUploads {
  /** Refuses (400 naming `field`) ids that are not pending uploads of this chatbot. */
  checkPending(ids: string[], chatbotId: string, field: string): Promise<void>;
  /** Ties the uploads to the new room, once; refuses as `checkPending` does. */
  claimForRoom(
    ids: string[],
    room: { id: string; chatbotId: string; visitor: { id: string } },
    field?: string,
  ): Promise<unknown>;
}

export const PENDING_UPLOADS = Symbol('PENDING_UPLOADS');
