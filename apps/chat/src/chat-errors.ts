import { AppHttpError } from '@app/platform';

/** Errors of the chat service: an HTTP status for REST, `{ error: { code, message } }` for sockets. */
export const chatErrors = {
  roomNotFound: () => new AppHttpError(404, 'room_not_found', 'no such room'),
  roomClosed: () => new AppHttpError(409, 'room_closed', 'the conversation is closed'),
  alreadyTaken: () =>
    new AppHttpError(409, 'already_taken', 'another agent joined this room first'),
  notYourRoom: () => new AppHttpError(403, 'not_your_room', 'you are not the agent of this room'),
  atCapacity: () =>
    new AppHttpError(409, 'at_capacity', 'you already have as many chats as you may'),
  notInTeam: () =>
    new AppHttpError(403, 'not_in_team', 'this conversation waits for a team you are not in'),
  notSupervisor: () =>
    new AppHttpError(403, 'not_supervisor', 'only a supervisor (chats:supervise) may do this'),
  roomMoved: () =>
    new AppHttpError(409, 'room_moved', 'the conversation changed meanwhile; look at it again'),
  teamNotFound: () => new AppHttpError(404, 'team_not_found', 'no such team'),
  blockNotFound: () => new AppHttpError(404, 'block_not_found', 'no such block'),
  agentNotFound: () => new AppHttpError(404, 'agent_not_found', 'no such agent'),
  labelNotFound: () => new AppHttpError(404, 'label_not_found', 'no such label'),
  rateLimited: (retryAfterSeconds?: number) => new RateLimitedError(retryAfterSeconds),
  busy: () =>
    new AppHttpError(409, 'conflict', 'the conversation is changing right now; try again'),
  invalid: (message: string) => new AppHttpError(400, 'invalid_payload', message),
  visitorTokenExpired: () =>
    new AppHttpError(
      401,
      'visitor_token_expired',
      'this conversation link has expired; start a new conversation',
    ),
};

/** 429 `rate_limited`; over HTTP, `retryAfterSeconds` becomes the `Retry-After` header. */
export class RateLimitedError extends AppHttpError {
  constructor(readonly retryAfterSeconds?: number) {
    super(
      429,
      'rate_limited',
      retryAfterSeconds
        ? `too many requests; retry in ${retryAfterSeconds} s`
        : 'too many messages; slow down',
    );
  }
}
