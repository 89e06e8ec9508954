import type { StoryLexiconFile } from '../config/config.schema';
import { addWords, normalizeText, segment } from '../text/segmenter';

// What a record says happened, in a form two records can be compared by: its story concepts
// (fire, poisoning …) and its content words. Comparing costs a few set lookups.

export interface StorySignature {
  concepts: string[];
  tokens: string[];
}

const MAX_TOKENS = 40;

export class StoryReader {
  private readonly conceptOf = new Map<string, string>();
  private readonly words: Array<{ word: string; concept: string }> = [];
  private readonly stop: Set<string>;
  readonly harmful: ReadonlySet<string>;

  constructor(lex: StoryLexiconFile) {
    const harmful = new Set<string>();
    for (const [concept, def] of Object.entries(lex.concepts)) {
      if (def.harm) harmful.add(concept);
      for (const w of def.words) {
        const word = normalizeText(w);
        this.conceptOf.set(word, concept);
        this.words.push({ word, concept });
      }
    }
    this.words.sort((a, b) => b.word.length - a.word.length);
    this.harmful = harmful;
    this.stop = new Set(lex.stopwords.map(normalizeText));
    addWords(this.conceptOf.keys());
  }

  read(text: string): StorySignature {
    const norm = normalizeText(text);
    const concepts = new Set<string>();
    // concept words are matched in the text itself too: 上吐下泻 may be cut differently
    for (const { word, concept } of this.words) if (!concepts.has(concept) && norm.includes(word)) concepts.add(concept);
    const tokens = new Set<string>();
    for (const t of segment(norm)) {
      if (tokens.size >= MAX_TOKENS) break;
      if (t.length < 2 || this.stop.has(t) || /^\d+$/.test(t)) continue;
      tokens.add(this.conceptOf.get(t) ? `#${this.conceptOf.get(t)}` : t);
    }
    return { concepts: [...concepts].sort(), tokens: [...tokens].sort() };
  }

  isHarm(sig: StorySignature): boolean {
    return sig.concepts.some((c) => this.harmful.has(c));
  }
}

function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(big);
  let n = 0;
  for (const x of small) if (set.has(x)) n++;
  return n;
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
  const concepts = common / Math.min(a.concepts.length, b.concepts.length);
  return round(0.5 * concepts + 0.5 * words);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
