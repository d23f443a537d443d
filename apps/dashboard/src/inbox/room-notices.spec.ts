import { interleaveNotices, presenceNoticeText, type RoomNotice } from './room-notices';
import { aMessage } from './test-messages';

const notice = (afterSeq: number, text: string): RoomNotice => ({
  id: `${afterSeq}-${text}`,
  afterSeq,
  text,
  at: '2025-01-01T12:00:00.000Z',
});

const describeEntries = (entries: ReturnType<typeof interleaveNotices>) =>
  entries.map((entry) => (entry.kind === 'message' ? entry.message.seq : entry.notice.text));

describe('notices in a conversation', () => {
  it('appear after the message they followed', () => {
    const entries = interleaveNotices(
      [aMessage(1), aMessage(2), aMessage(5)],
      [notice(2, 'Visitor is away'), notice(4, 'Visitor is back')],
      false,
    );
    expect(describeEntries(entries)).toEqual([1, 2, 'Visitor is away', 'Visitor is back', 5]);
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
