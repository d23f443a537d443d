/** A piece of a search highlight: plain text, or a matched word the page marks. */
export interface HighlightRun {
  text: string;
  marked: boolean;
}

const MARKED = /(<mark>[\s\S]*?<\/mark>)/;

/**
 * A highlight as the search API gives it (the text HTML-escaped, matches between `<mark>` and
 * `</mark>`) split into runs of plain text, so the page renders text nodes and never the
 * visitor's words as markup. Entities are decoded by the browser's parser, which runs nothing.
 */
export function highlightRuns(highlight: string): HighlightRun[] {
  return highlight
    .split(MARKED)
    .filter((part) => part !== '')
    .map((part) => {
      const marked = part.startsWith('<mark>') && part.endsWith('</mark>');
      return { text: decodeEntities(marked ? part.slice(6, -7) : part), marked };
    });
}

function decodeEntities(escaped: string): string {
  if (!escaped.includes('&')) return escaped;
  // Opened with <body>, since text before it would lose its leading spaces.
  return new DOMParser().parseFromString(`<body>${escaped}`, 'text/html').body.textContent ?? '';
}
