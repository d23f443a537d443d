/**
 * @jest-environment jsdom
 */
import { highlightRuns } from './highlight';

describe('a search highlight', () => {
  it('splits into plain and marked runs', () => {
    expect(highlightRuns('my <mark>refund</mark> for the <mark>bike</mark>')).toEqual([
      { text: 'my ', marked: false },
      { text: 'refund', marked: true },
      { text: ' for the ', marked: false },
      { text: 'bike', marked: true },
    ]);
  });

  it('gives back what the visitor typed, markup and all, as text', () => {
    // As OpenSearch's html encoder escapes: & < > " ' / and every character past ASCII.
    const runs = highlightRuns(
      '&lt;img src=x onerror=alert(1)&gt; &quot;caf&#233;&quot; &amp; <mark>th&#xE9;</mark> &#x27;&#x2F;',
    );
    expect(runs).toEqual([
      { text: '<img src=x onerror=alert(1)> "café" & ', marked: false },
      { text: 'thé', marked: true },
      { text: " '/", marked: false },
    ]);
  });

  it('is one plain run without a match', () => {
    expect(highlightRuns('Vera Visitor')).toEqual([{ text: 'Vera Visitor', marked: false }]);
  });
});
