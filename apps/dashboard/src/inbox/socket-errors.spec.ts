import { SocketRequestError, unwrapAck } from './socket-errors';

describe('a refused socket request', () => {
  it('tells the agent another agent was faster', () => {
    expect(() => unwrapAck({ error: { code: 'already_taken', message: 'x' } })).toThrow(
      'Another agent took this chat.',
    );
  });

  it('tells the agent they have as many chats as they may', () => {
    expect(new SocketRequestError('at_capacity').message).toBe('You are at your maximum of chats.');
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(new SocketRequestError('new_code', 'something new').message).toBe('something new');
  });

  it('passes an answer through', () => {
    expect(unwrapAck({ ok: true })).toEqual({ ok: true });
  });
});
