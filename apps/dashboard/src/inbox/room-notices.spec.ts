import type { RoomNote } from '@app/contracts';
import { interleaveNotices, presenceNoticeText, type RoomNotice } from './room-notices';
import { aMessage } from './test-messages';

const notice = (afterSeq: number, text: string): RoomNotice => ({
  id: `${afterSeq}-${text}`,
  afterSeq,
  text,
  at: '2025-01-01T12:00:00.000Z',
});

const describeEntries = (entries: ReturnType<typeof interleaveNotices>) =>
  entries.map((entry) =>
    entry.kind === 'message'
      ? entry.message.seq
      : entry.kind === 'notice'
        ? entry.notice.text
        : `note: ${entry.note.body}`,
  );

const note = (afterSeq: number, body: string, createdAt: string): RoomNote => ({
  id: body,
  roomId: 'room-1',
  body,
  author: { id: 'agent-1', name: 'Ana' },
  afterSeq,
  createdAt,
});

describe('notices in a conversation', () => {
  it('appear after the message they followed', () => {
    const entries = interleaveNotices(
      [aMessage(1), aMessage(2), aMessage(5)],
      [notice(2, 'Visitor is away'), notice(4, 'Visitor is back')],
      false,
    );
    expect(describeEntries(entries)).toEqual([1, 2, 'Visitor is away', 'Visitor is back', 5]);
  });

  it('and private notes sit after the message they followed, in the order they happened', () => {
    const entries = interleaveNotices(
      [aMessage(1), aMessage(2), aMessage(3)],
      [notice(2, 'Visitor is away')],
      false,
      [note(2, 'VIP', '2025-01-01T12:05:00.000Z'), note(1, 'first', '2025-01-01T11:00:00.000Z')],
    );
    expect(describeEntries(entries)).toEqual([
      1,
      'note: first',
      2,
      'Visitor is away',
      'note: VIP',
      3,
    ]);
  });

  it('wait for their place while earlier history is not loaded', () => {
    const entries = interleaveNotices([aMessage(10)], [notice(3, 'Visitor is away')], true);
    expect(describeEntries(entries)).toEqual([10]);
  });

  it('are worded from the change of presence only', () => {
    expect(presenceNoticeText(false, true)).toBe('Visitor is away');
    expect(presenceNoticeText(true, false)).toBe('Visitor is back');
    expect(presenceNoticeText(true, true)).toBeUndefined();
  });
});
