import { intercomBodyToText } from './intercom-text';

describe('an Intercom part body as the visitor reads it', () => {
  it('keeps the words, a line per paragraph or break, and no markup', () => {
    expect(
      intercomBodyToText('<p>Hi Ana!</p><p>Your order <b>ships</b> today.<br>Cheers</p>'),
    ).toBe('Hi Ana!\nYour order ships today.\nCheers');
  });

  it('decodes entities into the characters they stand for, tags written as text included', () => {
    expect(
      intercomBodyToText('<p>5 &lt; 6 &amp; &quot;ok&quot; &#8212; caf&eacute; &lt;b&gt;</p>'),
    ).toBe('5 < 6 & "ok" — café <b>');
  });

  it('cuts a body longer than a message may be', () => {
    const text = intercomBodyToText(`<p>${'a'.repeat(5000)}</p>`);
    expect(text).toHaveLength(4000);
    expect(text.endsWith('…')).toBe(true);
  });
});
