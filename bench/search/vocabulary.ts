/**
 * Message text for the search benchmark: words drawn from a made-up vocabulary with Zipf's law
 * (the n-th word about 1/n as often as the first), as in real chat, so that a query's word
 * matches a realistic share of the messages. Seeded, so two runs write the same text.
 */

/** A small fast seeded generator (mulberry32): the same seed gives the same text every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'tr', 'pl', 'st'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['', 'n', 'r', 's', 'l', 'x'];

export class Vocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;

  constructor(size: number, seed = 21) {
    const random = seededRandom(seed);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const words = new Set<string>();
    while (words.size < size) {
      let word = '';
      const syllables = 2 + Math.floor(random() * 2);
      for (let index = 0; index < syllables; index += 1) word += pick(ONSETS) + pick(VOWELS);
      words.add(word + pick(CODAS));
    }
    this.words = [...words];
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank += 1) {
      total += 1 / (rank + 1);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank += 1) this.cumulative[rank] /= total;
  }

  /** A word by Zipf's law: binary search of the cumulative weights. */
  word(random: () => number): string {
    const target = random();
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return this.words[low]!;
  }

  /** A message of 4 to 24 words. */
  body(random: () => number): string {
    const count = 4 + Math.floor(random() * 21);
    const words: string[] = [];
    for (let index = 0; index < count; index += 1) words.push(this.word(random));
    return words.join(' ');
  }

  /**
   * What an agent would look for: words neither as common as "the" nor so rare they are in a
   * handful of messages (ranks 10 to 1,000 of the vocabulary), drawn evenly.
   */
  queryWord(random: () => number): string {
    const from = Math.min(10, this.words.length - 1);
    const to = Math.min(1000, this.words.length);
    return this.words[from + Math.floor(random() * (to - from))]!;
  }
}
