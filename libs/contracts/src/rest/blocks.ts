/** A visitor the tenant blocked, as `GET /api/chat/blocks` answers it. */
export interface VisitorBlockView {
  id: string;
  /** `email`: the visitor's address (lower case); `ip`: their client address. */
  kind: 'email' | 'ip';
  value: string;
  /** The room whose close blocked the visitor. */
  roomId: string | null;
  blockedBy: { id: string; name: string } | null;
  createdAt: Date;
  /** Address blocks lapse (ADDRESS_BLOCK_TTL_SECONDS); email blocks last until lifted. */
  expiresAt: Date | null;
}
