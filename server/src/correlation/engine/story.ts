import type { StorySignature } from '../../events/event.types';
import type { StoryLexiconFile } from '../../config/config.schema';
import { addWords, normalizeText, segment } from './text/segmenter';
import { WordIndex } from './text/word-index';

// What a record says happened, in a form two records can be compared by: its story concepts
// (fire, poisoning …) and its content words. Comparing costs a few set lookups.

export type { StorySignature } from '../../events/event.types';

/** Whether two stories share an acute concept: the same fire, not the same kind of complaint. */
export function shareAcute(a: StorySignature, b: StorySignature): boolean {
  return (a.acute ?? []).some((c) => (b.acute ?? []).includes(c));
}

const MAX_TOKENS = 40;

export class StoryReader {
  private readonly conceptOf = new Map<string, string>();
  private readonly words: Array<{ word: string; concept: string }> = [];
  /** the concept words, found in a text in one pass */
  private readonly index: WordIndex<string>;
  private readonly stop: Set<string>;
  readonly harmful: ReadonlySet<string>;
  readonly acute: ReadonlySet<string>;

  constructor(lex: StoryLexiconFile) {
    const harmful = new Set<string>();
    const acute = new Set<string>();
    for (const [concept, def] of Object.entries(lex.concepts)) {
      if (def.harm) harmful.add(concept);
      if (def.acute) acute.add(concept);
      for (const w of def.words) {
        const word = normalizeText(w);
        this.conceptOf.set(word, concept);
        this.words.push({ word, concept });
      }
    }
    this.words.sort((a, b) => b.word.length - a.word.length);
    this.index = new WordIndex(this.words.map((w) => [w.word, w.concept] as const));
    this.harmful = harmful;
    this.acute = acute;
    this.stop = new Set(lex.stopwords.map(normalizeText));
    addWords(this.conceptOf.keys());
  }

  read(text: string, words?: readonly string[]): StorySignature {
    const norm = normalizeText(text);
    return this.readNormalized(norm, words ?? segment(norm));
  }

  /** read() of a text already normalized (normalizeText), with its words. */
  readNormalized(norm: string, words: readonly string[]): StorySignature {
    const concepts = new Set<string>();
    // concept words are matched in the text itself too: 上吐下泻 may be cut differently
    this.index.each(norm, (concept) => {
      concepts.add(concept);
    });
    const tokens = new Set<string>();
    for (const t of words) {
      if (tokens.size >= MAX_TOKENS) break;
      if (t.length < 2 || this.stop.has(t) || allDigits(t)) continue;
      const concept = this.conceptOf.get(t);
      tokens.add(concept ? `#${concept}` : t);
    }
    const sorted = [...concepts].sort();
    return { concepts: sorted, tokens: [...tokens].sort(), acute: sorted.filter((c) => this.acute.has(c)) };
  }

  isHarm(sig: StorySignature): boolean {
    return sig.concepts.some((c) => this.harmful.has(c));
  }
}

function increasing(a: readonly string[]): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i - 1]! < a[i]!)) return false;
  return true;
}

/** /^\d+$/ */
function allDigits(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return t.length > 0;
}

function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  // signatures keep their words sorted and each once (read() does): then a merge, without a Set
  if (increasing(a) && increasing(b)) {
    let n = 0;
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i]! < b[j]!) i++;
      else if (a[i]! > b[j]!) j++;
      else {
        n++;
        i++;
        j++;
      }
    }
    return n;
  }
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(big);
  let n = 0;
  for (const x of small) if (set.has(x)) n++;
  return n;
}

/** The share of words two stories have in common (cosine of their word sets), 0..1. */
export function wordSimilarity(a: StorySignature, b: StorySignature): number {
  const shared = overlap(a.tokens, b.tokens);
  return a.tokens.length && b.tokens.length ? round(shared / Math.sqrt(a.tokens.length * b.tokens.length)) : 0;
}

/**
 * How alike two stories are, 0..1. Concepts weigh half when both records have some; records whose
 * concepts are all different tell different stories (a fire and a price complaint at one place).
 */
export function similarity(a: StorySignature, b: StorySignature): number {
  const shared = overlap(a.tokens, b.tokens);
  const words = a.tokens.length && b.tokens.length ? shared / Math.sqrt(a.tokens.length * b.tokens.length) : 0;
  if (a.concepts.length === 0 || b.concepts.length === 0) return round(words);
  const common = overlap(a.concepts, b.concepts);
  if (common === 0) return round(words * 0.3);
  // the same acute happening (a fire, a crush) counts most, whatever else either report mentions
  const concepts = Math.max(common / (a.concepts.length + b.concepts.length - common), shareAcute(a, b) ? 0.75 : 0);
  return round(0.5 * concepts + 0.5 * words);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
