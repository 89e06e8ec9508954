// Finding the words of a lexicon in a text in one pass: words are listed by their first UTF-16
// unit, and a table of those first units lets every other character of the text pass at the cost
// of one array read. Instead of asking `text.includes(word)` for each of hundreds of words.

export class WordIndex<T> {
  private readonly starts = new Uint8Array(0x10000);
  private readonly byFirst = new Map<number, Array<{ word: string; value: T }>>();
  readonly size: number;

  /** Entries with the same first character are tried in the order given. Empty words are left out. */
  constructor(entries: Iterable<readonly [string, T]>) {
    let size = 0;
    for (const [word, value] of entries) {
      if (word.length === 0) continue;
      const c = word.charCodeAt(0);
      this.starts[c] = 1;
      const list = this.byFirst.get(c);
      if (list) list.push({ word, value });
      else this.byFirst.set(c, [{ word, value }]);
      size += 1;
    }
    this.size = size;
  }

  /**
   * Calls `found` for every occurrence of every word that lies wholly within text[from, to), in
   * order of position, then of the entries' order. Returning true stops the search.
   */
  each(text: string, found: (value: T, at: number, word: string) => boolean | void, from = 0, to = text.length): void {
    const starts = this.starts;
    for (let i = from; i < to; i += 1) {
      if (starts[text.charCodeAt(i)] === 0) continue;
      for (const e of this.byFirst.get(text.charCodeAt(i))!) {
        if (i + e.word.length <= to && text.startsWith(e.word, i) && found(e.value, i, e.word) === true) return;
      }
    }
  }

  /** The furthest end of any occurrence of a word within text[from, to), or -1 when none occurs. */
  lastEnd(text: string, from = 0, to = text.length): number {
    const starts = this.starts;
    let end = -1;
    for (let i = from; i < to; i += 1) {
      if (starts[text.charCodeAt(i)] === 0) continue;
      for (const e of this.byFirst.get(text.charCodeAt(i))!) {
        const j = i + e.word.length;
        if (j <= to && j > end && text.startsWith(e.word, i)) end = j;
      }
    }
    return end;
  }

  /** Whether any word occurs in the text. */
  someIn(text: string): boolean {
    let any = false;
    this.each(text, () => (any = true));
    return any;
  }
}
