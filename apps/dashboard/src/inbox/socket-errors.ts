import type { SocketError } from '@app/contracts';

/** What an agent is told for each error code of the `/agent` socket. */
const MESSAGES: Record<string, string> = {
  already_taken: 'Another agent took this chat.',
  at_capacity: 'You are at your maximum of chats.',
  room_closed: 'This conversation is closed.',
  room_not_found: 'This conversation no longer exists.',
  not_your_room: 'This chat is not assigned to you any more.',
  agent_not_found: 'That agent is not available any more.',
  conflict: 'The conversation is changing right now. Try again.',
  rate_limited: 'You are sending too fast. Wait a moment and try again.',
  invalid_payload: 'The server refused this request.',
  internal_error: 'Something went wrong on the server. Try again.',
  timeout: 'No answer from the server. Check your connection and try again.',
  disconnected: 'Not connected to the chat server. Wait for the connection to come back.',
};

/** The error of a refused socket request, with the agent-facing message. */
export class SocketRequestError extends Error {
  constructor(
    readonly code: string,
    serverMessage?: string,
  ) {
    super(MESSAGES[code] ?? serverMessage ?? `The request failed (${code}).`);
  }
}

export function isSocketError(answer: unknown): answer is SocketError {
  return typeof answer === 'object' && answer !== null && 'error' in answer;
}

/** The answer of an ack, or a SocketRequestError for an error answer. */
export function unwrapAck<T>(answer: T | SocketError): T {
  if (isSocketError(answer)) throw new SocketRequestError(answer.error.code, answer.error.message);
  return answer;
}
