import { add_word, cut } from 'jieba-wasm';

// Chinese word segmentation (jieba, compiled to WebAssembly: installs from the registry alone and
// runs offline). One dictionary per process: words added here are known to every caller.

/** Long texts are cut to their head: what a record is about is said early, and cost stays flat. */
export const SEGMENT_MAX_CHARS = 600;

const added = new Set<string>();
// how many times the segmenter was asked to read (segmentAll), for tests
let calls = 0;

/** Teaches the segmenter words it must keep whole (place names, merchant kinds, lexicon terms). */
export function addWords(words: Iterable<string>): void {
  for (const w of words) {
    const word = w.trim();
    if (word.length < 2 || added.has(word)) continue;
    added.add(word);
    add_word(word, 2000, null);
    // a new word (and the dictionary's new total) may cut any text differently
    clearSegmentCache();
  }
}

/** How many times segmentAll() (and so segment()) has been called in this process. */
export function segmenterCalls(): number {
  return calls;
}

// ---- normalizing

/** Full-width letters and digits to half-width, letters to lower case, runs of space to one. */
export function normalizeText(text: string): string {
  // a text normalized once is often handed back (a reading's fields go to the segmenter as they
  // are): the last few answers are kept, compared by identity first
  for (let k = 0; k < RECENT; k += 1) if (recentIn[k] === text) return recentOut[k]!;
  const out = normalizeFast(text) ?? normalizeSlow(text);
  recentIn[recentAt] = text;
  recentOut[recentAt] = out;
  recentAt = (recentAt + 1) % RECENT;
  return out;
}

const RECENT = 8;
const recentIn: Array<string | undefined> = new Array<string | undefined>(RECENT).fill(undefined);
const recentOut: Array<string | undefined> = new Array<string | undefined>(RECENT).fill(undefined);
let recentAt = 0;

/** The definition: every other path must give what this gives. */
function normalizeSlow(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

// One pass over texts made of ASCII, CJK and their punctuation (nearly all of them), copying the
// stretches that stay as they are; null at the first character it does not know for certain
// (other letters with a case, other kinds of space), which normalizeSlow then reads.
function normalizeFast(text: string): string | null {
  let out = '';
  let from = 0; // text[from, i) is still to be copied as it is
  let space = false; // the last character written is a space
  const n = text.length;
  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    let mapped: number;
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        // a run of white space becomes one plain space
        if (space || c !== 0x20) {
          out += text.slice(from, i);
          if (!space) out += ' ';
          from = i + 1;
        }
        space = true;
        continue;
      }
      space = false;
      if (c < 0x41 || c > 0x5a) continue;
      mapped = c + 0x20;
    } else if (c >= 0x3001 && c <= 0x9fff) {
      space = false;
      continue;
    } else if (c >= 0xff01 && c <= 0xff5e) {
      space = false;
      mapped = c - 0xfee0;
      if (mapped >= 0x41 && mapped <= 0x5a) mapped += 0x20;
    } else if (c === 0x3000) {
      out += text.slice(from, i);
      if (!space) out += ' ';
      from = i + 1;
      space = true;
      continue;
    } else if (
      (c >= 0xff5f && c <= 0xffef) ||
      (c >= 0x2010 && c <= 0x2027) ||
      (c >= 0x2030 && c <= 0x205e) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe6f)
    ) {
      // punctuation, half-width forms and compatibility ideographs: no case, no space
      space = false;
      continue;
    } else {
      return null;
    }
    out += text.slice(from, i) + String.fromCharCode(mapped);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

// ---- segmenting

const WORDLIKE = /[\p{L}\p{N}]/u;

// jieba cuts a text in blocks (runs of CJK ideographs, ASCII letters and digits and +#&._%-) and
// segments each block on its own; every other character is a word by itself. So a text is cut
// here at those other characters, and each block is segmented once and remembered: the classifier,
// the brain and the story read the same sentences of a record (a 12345 order's title is its first
// sentence, the brain's text is the title, the content and the address).
function inBlock(c: number): boolean {
  // conservative: only characters jieba certainly keeps out of a block (RE_HAN_DEFAULT) separate
  // blocks here; \r and \n stay inside (jieba reads \r\n as one), and so does anything astral
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x2b || // +
    c === 0x23 || // #
    c === 0x26 || // &
    c === 0x2e || // .
    c === 0x5f || // _
    c === 0x25 || // %
    c === 0x2d || // -
    c === 0x0a ||
    c === 0x0d ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xd800 && c <= 0xdfff)
  );
}

/** blocks seen lately → their words (punctuation and spaces dropped); emptied when the dictionary grows */
let blocks = new Map<string, string[]>();
let olderBlocks = new Map<string, string[]>();
// a generation holds at most this many blocks, or blocks of this many characters in all
const MAX_BLOCKS = 4096;
const MAX_BLOCK_CHARS = 200_000;
let blockChars = 0;
// a character that ends every block and is a word of its own: joins the blocks cut in one call
const JOIN = '\u3002';

function wordsOf(cutWords: string[], from: number, to: number, into: string[]): void {
  for (let k = from; k < to; k += 1) {
    const w = cutWords[k]!;
    if (!WORDLIKE.test(w)) continue;
    const t = w.trim();
    if (t.length > 0) into.push(t);
  }
}

function remember(block: string, words: string[]): void {
  if (blocks.size >= MAX_BLOCKS || blockChars >= MAX_BLOCK_CHARS) {
    // two generations: what was used lately survives one turn-over
    olderBlocks = blocks;
    blocks = new Map();
    blockChars = 0;
  }
  blocks.set(block, words);
  blockChars += block.length;
}

function known(block: string): string[] | undefined {
  let words = blocks.get(block);
  if (words === undefined) {
    words = olderBlocks.get(block);
    if (words !== undefined) remember(block, words);
  }
  return words;
}

// BLOCK[c] is 1 for the UTF-16 units inBlock() keeps inside a block
const BLOCK = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c += 1) if (inBlock(c)) BLOCK[c] = 1;

// scratch for segmentAll() (it does not call itself): the texts in order, each block's words, or
// for a block not seen yet its text, and the characters between blocks by their code; ends[t] is
// where text t's parts end
const parts: Array<string[] | string | number> = [];
const ends: number[] = [];
const missing: string[] = [];

/** The words of a text, punctuation and spaces dropped, in order; only its first maxChars are read. */
export function segment(text: string, maxChars = SEGMENT_MAX_CHARS): string[] {
  return segmentAll([text.length > maxChars ? text.slice(0, maxChars) : text])[0]!;
}

/**
 * The words of each text, read whole (normalized first), as segment() gives them: the blocks no
 * text has been cut into before go to jieba in one call for all the texts.
 */
export function segmentAll(texts: readonly string[]): string[][] {
  calls += 1;
  parts.length = 0;
  ends.length = 0;
  missing.length = 0;
  for (const text of texts) {
    const head = normalizeText(text);
    const n = head.length;
    let start = -1;
    for (let i = 0; i <= n; i += 1) {
      const c = i < n ? head.charCodeAt(i) : -1;
      if (c >= 0 && BLOCK[c] === 1) {
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0) {
        const block = head.slice(start, i);
        const words = known(block);
        if (words !== undefined) parts.push(words);
        else {
          parts.push(block);
          if (!missing.includes(block)) missing.push(block);
        }
        start = -1;
      }
      // a character outside every block is a word when it is a letter or a digit (é, 〇, Ⅲ)
      if (c > 0x7f) parts.push(c);
    }
    ends.push(parts.length);
  }
  let fresh: Map<string, string[]> | null = null;
  if (missing.length > 0) {
    // one call for every block not seen yet, joined by a separator that comes back as a word
    fresh = new Map();
    const all = cut(missing.join(JOIN), true);
    let k = 0;
    for (const block of missing) {
      const from = k;
      while (k < all.length && all[k] !== JOIN) k += 1;
      const words: string[] = [];
      wordsOf(all, from, k, words);
      fresh.set(block, words);
      remember(block, words);
      k += 1;
    }
  }
  const result: string[][] = [];
  let p = 0;
  for (const end of ends) {
    const out: string[] = [];
    for (; p < end; p += 1) {
      const part = parts[p]!;
      if (typeof part === 'number') {
        const ch = String.fromCharCode(part);
        if (WORDLIKE.test(ch) && ch.trim().length > 0) out.push(ch);
        continue;
      }
      const words = typeof part === 'string' ? fresh!.get(part)! : part;
      for (const w of words) out.push(w);
    }
    result.push(out);
  }
  parts.length = 0;
  ends.length = 0;
  missing.length = 0;
  return result;
}

/** Forgets the segmentations kept (tests; the dictionary's growth does it by itself). */
export function clearSegmentCache(): void {
  blocks = new Map();
  olderBlocks = new Map();
  blockChars = 0;
}
