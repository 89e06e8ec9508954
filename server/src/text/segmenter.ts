import { add_word, cut } from 'jieba-wasm';

// Chinese word segmentation (jieba, compiled to WebAssembly: installs from the registry alone and
// runs offline). One dictionary per process: words added here are known to every caller.

/** Long texts are cut to their head: what a record is about is said early, and cost stays flat. */
export const SEGMENT_MAX_CHARS = 600;

const added = new Set<string>();

/** Teaches the segmenter words it must keep whole (place names, merchant kinds, lexicon terms). */
export function addWords(words: Iterable<string>): void {
  for (const w of words) {
    const word = w.trim();
    if (word.length < 2 || added.has(word)) continue;
    added.add(word);
    add_word(word, 2000, null);
  }
}

/** Full-width letters and digits to half-width, letters to lower case, runs of space to one. */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** The words of a text, punctuation and spaces dropped, in order. */
export function segment(text: string, maxChars = SEGMENT_MAX_CHARS): string[] {
  const head = text.length > maxChars ? text.slice(0, maxChars) : text;
  const out: string[] = [];
  for (const w of cut(normalizeText(head), true)) if (WORDLIKE.test(w)) out.push(w.trim());
  return out.filter((w) => w.length > 0);
}
