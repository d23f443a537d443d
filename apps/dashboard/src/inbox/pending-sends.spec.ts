import { failSend, retrySend, sendsToDeliver, startSend } from './pending-sends';

describe('messages waiting for the server', () => {
  const waiting = startSend(startSend([], { clientMessageId: 'a', roomId: 'r', body: 'one' }), {
    clientMessageId: 'b',
    roomId: 'r',
    body: 'two',
  });

  it('are all sent again after a reconnect, with their own ids', () => {
    expect(sendsToDeliver(waiting).map((send) => send.clientMessageId)).toEqual(['a', 'b']);
  });

  it('are not sent again by themselves once the server refused them', () => {
    const refused = failSend(waiting, 'a', 'This conversation is closed.');
    expect(sendsToDeliver(refused).map((send) => send.clientMessageId)).toEqual(['b']);
  });

  it('go out again with the same id when the agent retries', () => {
    const retried = retrySend(failSend(waiting, 'a', 'No answer'), 'a');
    expect(retried[0]).toEqual({
      clientMessageId: 'a',
      roomId: 'r',
      body: 'one',
      state: 'sending',
    });
  });
});
