import { findSlashTrigger, matchCannedReplies, replaceTrigger } from './slash-trigger';

describe('the / trigger of canned replies', () => {
  it('opens on a slash at the start of the box, with what follows it as the query', () => {
    expect(findSlashTrigger('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(findSlashTrigger('/Hel', 4)).toEqual({ start: 0, end: 4, query: 'hel' });
  });

  it('opens on a slash after a space or a new line', () => {
    expect(findSlashTrigger('Sure! /ref', 10)).toEqual({ start: 6, end: 10, query: 'ref' });
    expect(findSlashTrigger('Thanks\n/bye', 11)).toEqual({ start: 7, end: 11, query: 'bye' });
  });

  it('stays shut for a slash inside a word or a link', () => {
    expect(findSlashTrigger('and/or', 6)).toBeNull();
    expect(findSlashTrigger('see https://x.example/help', 26)).toBeNull();
  });

  it('closes once the shortcut is ended by a space or another character', () => {
    expect(findSlashTrigger('/hello ', 7)).toBeNull();
    expect(findSlashTrigger('/hello!', 7)).toBeNull();
    expect(findSlashTrigger('no slash', 8)).toBeNull();
  });

  it('reads only what is before the caret', () => {
    expect(findSlashTrigger('/he and more', 3)).toEqual({ start: 0, end: 3, query: 'he' });
    expect(findSlashTrigger('text /he', 4)).toBeNull();
  });

  it('suggests shortcuts that start with the query first, then titles, at most the limit', () => {
    const replies = [
      { shortcut: 'bye', title: 'Refund done' },
      { shortcut: 'refund', title: null },
      { shortcut: 'hello', title: 'Greeting' },
      { shortcut: 'refresh', title: null },
    ];
    expect(matchCannedReplies(replies, 're').map((reply) => reply.shortcut)).toEqual([
      'refund',
      'refresh',
      'bye',
    ]);
    expect(matchCannedReplies(replies, '', 2)).toHaveLength(2);
    expect(matchCannedReplies(replies, 'zzz')).toEqual([]);
  });

  it('replaces the /shortcut with the reply and puts the caret after it', () => {
    const text = 'Hi! /ref thanks';
    const trigger = findSlashTrigger(text, 8)!;
    expect(replaceTrigger(text, trigger, 'Your refund is on its way.')).toEqual({
      text: 'Hi! Your refund is on its way. thanks',
      caret: 30,
    });
  });
});
