import type { ChatMessage } from '@app/contracts';

/**
 * A message the agent sent that the server has not acknowledged yet. Its `clientMessageId`
 * stays the same across resends, so the server stores it once however often it is sent.
 */
export interface PendingSend {
  clientMessageId: string;
  roomId: string;
  body: string;
  /** Uploads the message carries, sent again unchanged like the id. */
  attachmentIds?: string[];
  /** `sending`: in flight, or waiting for the connection to come back; `failed`: refused. */
  state: 'sending' | 'failed';
  error?: string;
}

export function startSend(
  pending: readonly PendingSend[],
  send: Omit<PendingSend, 'state'>,
): PendingSend[] {
  return [...pending, { ...send, state: 'sending' }];
}

export function failSend(
  pending: readonly PendingSend[],
  clientMessageId: string,
  error: string,
): PendingSend[] {
  return pending.map((send) =>
    send.clientMessageId === clientMessageId ? { ...send, state: 'failed', error } : send,
  );
}

export function retrySend(pending: readonly PendingSend[], clientMessageId: string): PendingSend[] {
  return pending.map((send) =>
    send.clientMessageId === clientMessageId
      ? { clientMessageId, roomId: send.roomId, body: send.body, state: 'sending' }
      : send,
  );
}

export function dropSend(pending: readonly PendingSend[], clientMessageId: string): PendingSend[] {
  return pending.filter((send) => send.clientMessageId !== clientMessageId);
}

/**
 * Without the sends the server has stored: a message may come back through `message:new`
 * (or a replay) before its ack, or instead of an ack lost to a disconnect.
 */
export function withoutDelivered(
  pending: readonly PendingSend[],
  delivered: readonly ChatMessage[],
): PendingSend[] {
  const deliveredIds = new Set(delivered.map((message) => message.clientMessageId));
  const remaining = pending.filter((send) => !deliveredIds.has(send.clientMessageId));
  return remaining.length === pending.length ? (pending as PendingSend[]) : remaining;
}

/** What to send again once the socket is connected: everything not refused by the server. */
export function sendsToDeliver(pending: readonly PendingSend[]): PendingSend[] {
  return pending.filter((send) => send.state === 'sending');
}
