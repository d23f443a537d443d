import type { ChatMessage } from '@app/contracts';

/** A message the visitor sent that the server has not acknowledged yet. */
export interface PendingMessage {
  /** Sent again unchanged on every retry: the server stores the message once per id. */
  clientMessageId: string;
  body: string;
  /** Uploads the message carries (sent again unchanged, like the id). */
  attachmentIds?: string[];
  createdAt: string;
  /** The server's error code when it refused the message; retried only by the visitor. */
  failure?: string;
}

export type Outbox = readonly PendingMessage[];

export function enqueue(outbox: Outbox, pending: PendingMessage): Outbox {
  return [...outbox, pending];
}

/** The server has the message (by ack or by its broadcast): it leaves the outbox. */
export function settle(outbox: Outbox, clientMessageId: string): Outbox {
  return outbox.some((pending) => pending.clientMessageId === clientMessageId)
    ? outbox.filter((pending) => pending.clientMessageId !== clientMessageId)
    : outbox;
}

export function markFailed(outbox: Outbox, clientMessageId: string, code: string): Outbox {
  return outbox.map((pending) =>
    pending.clientMessageId === clientMessageId ? { ...pending, failure: code } : pending,
  );
}

export function markRetrying(outbox: Outbox, clientMessageId: string): Outbox {
  return outbox.map((pending) =>
    pending.clientMessageId === clientMessageId ? { ...pending, failure: undefined } : pending,
  );
}

/** What to send again after a reconnect: everything not acknowledged and not refused. */
export function awaitingAck(outbox: Outbox): Outbox {
  return outbox.filter((pending) => !pending.failure);
}

export function find(outbox: Outbox, clientMessageId: string): PendingMessage | undefined {
  return outbox.find((pending) => pending.clientMessageId === clientMessageId);
}

/** The stored message an ack stands for, in case its broadcast has not arrived (yet). */
export function acknowledged(
  pending: PendingMessage,
  ack: { id: string; seq: number },
  roomId: string,
): ChatMessage {
  return {
    id: ack.id,
    roomId,
    seq: ack.seq,
    sender: { type: 'visitor' },
    body: pending.body,
    clientMessageId: pending.clientMessageId,
    createdAt: pending.createdAt,
  };
}
