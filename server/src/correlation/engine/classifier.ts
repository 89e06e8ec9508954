import type { Channel } from '@jointduty/shared';
import type { Department } from '../../config/config.schema';
import { addWords, normalizeText, segment, SEGMENT_MAX_CHARS } from './text/segmenter';
import { exampleProblems, type ClassifierExamples } from '../../config/classifier-examples';
import { bigramKey, isHan, trainModel, type Model } from './classifier-model';

export interface Routing {
  category: string | null;
  department: string | null;
}

export interface RoutingHint {
  category?: string;
  department?: string;
  alarmType?: string;
}

// Why a department was chosen. `weight` is what the term adds to its score, in nats: a keyword
// its rule weight, a model term its weight for the winner over the runner-up, channel the lean
// of 12315 and 110. A hint decides alone (weight 1, confidence 1).
export interface Evidence {
  term: string;
  source: 'hint' | 'keyword' | 'model' | 'channel';
  department: string;
  weight: number;
}

export interface Explanation extends Routing {
  // the probability of the chosen department given the words; 1 when the feed chose it
  confidence: number;
  // strongest first: keywords, channel, then at most 6 model terms
  evidence: Evidence[];
  // the departments the words point to, best first (at most 3); empty when a hint decided
  ranking: Array<{ department: string; probability: number }>;
}

// Scores are natural logs of odds, so the parts add up.
export interface ClassifierTuning {
  // additive smoothing of the model's counts
  smoothing: number;
  // a character bigram counts for this much of a word
  bigramWeight: number;
  // model evidence grows with each known feature up to this many, then with the square root:
  // naive Bayes takes the words of a long text as independent and grows overconfident
  evidenceFeatures: number;
  // each distinct keyword of a department adds this much
  keywordWeight: number;
  // words and keywords past the first headChars characters weigh tailWeight: what a record is
  // about is said early (a 12345 order's title comes first)
  headChars: number;
  tailWeight: number;
  // a word the examples of many departments use weighs less: by (log((n+1)/(df+1))/log(n+1))^icf,
  // n the departments, df those whose examples use it (我们, 反映, 请问 come to about 0)
  icf: number;
  // 12315 leans to market regulation, 110 to the police
  channelWeight: number;
  // added to the fallback department: it takes what the others do not place, and its meta words
  // (回复, 热线) turn up in every kind of complaint
  fallbackPrior: number;
  // below this a text without keywords says nothing: the channel's default department takes it
  minConfidence: number;
}

export const DEFAULT_TUNING: ClassifierTuning = {
  smoothing: 0.3,
  bigramWeight: 0.5,
  evidenceFeatures: 16,
  keywordWeight: 4,
  headChars: 80,
  tailWeight: 0.5,
  icf: 1,
  channelWeight: 1.5,
  fallbackPrior: -1,
  minConfidence: 0.2,
};

const EVIDENCE_TERMS = 6;

// Jieba reads the first 200 characters (a 12345 order's title and first sentences; keywords count
// there), bigrams the first 600: segmenting is most of the cost of a call, and the tail of a long
// text weighs little (tailWeight).
export const CLASSIFIER_WORD_CHARS = 200;

/** NOT_A_WORD.test(t) (classifier-model.ts), read in one pass (the expression cannot gain by backtracking). */
function notAWord(t: string): boolean {
  const n = t.length;
  let i = 0;
  if (i < n && isLowerAscii(t.charCodeAt(i))) i += 1;
  while (i < n && isNumberish(t.charCodeAt(i))) i += 1;
  if (i < n && isLowerAscii(t.charCodeAt(i))) i += 1;
  return i === n;
}

function isLowerAscii(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

// \d . : % -
function isNumberish(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x3a || c === 0x25 || c === 0x2d;
}

interface Features {
  // the jieba words, all of them (keywords are matched on these)
  tokens: readonly string[];
  // the known features, each once, with its weight
  rows: number[];
  weights: number[];
}

interface KeywordHit {
  keyword: string;
  departments: number[];
  // 1, or tailWeight past the head of the text
  weight: number;
}

interface Scored {
  scores: Float64Array;
  probabilities: Float64Array;
  hits: KeywordHit[];
  features: Features;
  scale: number;
}

// Routes a record to a category and a department: feed hints first, then keyword rules and a
// naive Bayes model over jieba words and character bigrams, trained on labelled examples.
export class Classifier {
  private readonly departments: readonly Department[];
  private readonly tuning: ClassifierTuning;
  private readonly fallback: number;
  // normalised keyword → departments that list it; a hash of every keyword's first two characters
  private readonly keywords = new Map<string, number[]>();
  private readonly keywordPrefixes = new Set<number>();
  private readonly maxKeywordLength: number;
  // the department a channel leans to (12315 market regulation, 110 police), else -1
  private readonly leaning: Record<Channel, number>;
  private readonly model: Model | null;
  // stamp per feature row, to take each feature of a text once without a Set
  private stamps = new Int32Array(0);
  private stamp = 0;

  constructor(departments: readonly Department[], examples?: ClassifierExamples, tuning: Partial<ClassifierTuning> = {}) {
    this.departments = departments;
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    const fallback = departments.findIndex((d) => d.fallback);
    this.fallback = fallback >= 0 ? fallback : departments.length - 1;
    const named = (re: RegExp) => departments.findIndex((d) => re.test(d.name));
    this.leaning = { '12345': -1, '12315': named(/市场监管/), '110': named(/公安/), sentiment: -1 };

    departments.forEach((d, i) => {
      for (const raw of d.keywords) {
        const word = normalizeText(raw).trim();
        if (word.length < 2) continue;
        const owners = this.keywords.get(word) ?? [];
        if (!owners.includes(i)) owners.push(i);
        this.keywords.set(word, owners);
        this.keywordPrefixes.add(pairCode(word, 0));
      }
    });
    this.maxKeywordLength = Math.max(2, ...[...this.keywords.keys()].map((k) => k.length));
    // the segmenter keeps keywords whole, so they show up as words
    addWords(this.keywords.keys());

    if (examples) {
      const problems = exampleProblems(departments, examples);
      if (problems.length > 0) throw new Error(`classifier examples:\n  ${problems.join('\n  ')}`);
    }
    this.model = examples ? trainModel(departments, this.tuning, examples) : null;
    if (this.model) this.stamps = new Int32Array(this.model.rowText.length);
  }

  classify(channel: Channel, text: string, hint?: RoutingHint): Routing {
    const { category, department } = this.route(channel, text, hint, false);
    return { category, department };
  }

  explain(channel: Channel, text: string, hint?: RoutingHint): Explanation {
    return this.route(channel, text, hint, true);
  }

  private route(
    channel: Channel,
    text: string,
    hint: RoutingHint | undefined,
    explain: boolean,
  ): Explanation {
    // a category the feed already chose names its department
    const owner = hint?.category ? this.ownerOf(hint.category) : undefined;
    if (hint?.category && owner !== undefined) {
      const name = this.departments[owner]!.name;
      return {
        category: hint.category,
        department: hint.department ?? name,
        confidence: 1,
        evidence: explain ? [{ term: hint.category, source: 'hint', department: name, weight: 1 }] : [],
        ranking: [],
      };
    }

    const scored = this.score(channel, text);
    const { probabilities, hits } = scored;
    let best = argmax(probabilities);
    // no keyword and a model that cannot tell: the text says nothing
    if (hits.length === 0 && (this.model === null || probabilities[best]! < this.tuning.minConfidence)) {
      best = this.channelDefault(channel);
    }
    const dept = this.departments[best];

    let category = hint?.category ?? null;
    if (category === null && dept) {
      category =
        channel === '110' && hint?.alarmType && /公安/.test(dept.name) ? `公安>${hint.alarmType}` : this.categoryIn(best, scored.features);
    }
    return {
      category,
      department: hint?.department ?? dept?.name ?? null,
      confidence: hint?.department ? 1 : round(probabilities[best] ?? 0),
      evidence: explain ? this.evidenceFor(best, channel, scored) : [],
      ranking: explain
        ? [...probabilities]
            .map((p, i) => ({ department: this.departments[i]!.name, probability: round(p) }))
            .sort((a, b) => b.probability - a.probability)
            .slice(0, 3)
        : [],
    };
  }

  // ---- scoring

  private score(channel: Channel, text: string): Scored {
    const D = this.departments.length;
    const scores = new Float64Array(D);
    const features = this.features(text, segment(text, CLASSIFIER_WORD_CHARS));
    const hits = this.keywordHits(features.tokens);

    let scale = 1;
    if (this.model) {
      const w = this.model.deptWeights;
      const { rows, weights } = features;
      let n = 0;
      for (const x of weights) n += x;
      scale = n > this.tuning.evidenceFeatures ? Math.sqrt(this.tuning.evidenceFeatures / n) : 1;
      for (let k = 0; k < rows.length; k += 1) {
        const base = rows[k]! * D;
        const x = weights[k]! * scale;
        for (let d = 0; d < D; d += 1) scores[d]! += x * w[base + d]!;
      }
      if (this.fallback >= 0) scores[this.fallback]! += this.tuning.fallbackPrior;
    }
    for (const h of hits) for (const d of h.departments) scores[d]! += this.tuning.keywordWeight * h.weight;
    const leaning = this.leaning[channel];
    if (leaning >= 0) scores[leaning]! += this.tuning.channelWeight;

    return { scores, probabilities: softmax(scores), hits, features, scale };
  }

  // The jieba words of a text's head, and its known features (those words, numbers and codes
  // dropped, and the Han character bigrams of a longer head), each once, weighed by where it first
  // occurs.
  private features(text: string, tokens: readonly string[]): Features {
    const rows: number[] = [];
    const weights: number[] = [];
    const model = this.model;
    if (!model) return { tokens, rows, weights };
    if (this.stamp >= 0x3fffffff) [this.stamp, this.stamps] = [0, new Int32Array(this.stamps.length)];
    const stamp = (this.stamp += 1);
    const stamps = this.stamps;
    let offset = 0;
    for (const t of tokens) {
      if (t.length >= 2 && !notAWord(t)) {
        const row = model.words.get(t);
        if (row !== undefined && stamps[row] !== stamp) {
          stamps[row] = stamp;
          rows.push(row);
          weights.push(this.at(offset));
        }
      }
      offset += t.length;
    }
    // normalising leaves Han characters as they are, so bigrams read the text itself
    const end = Math.min(text.length, SEGMENT_MAX_CHARS);
    const table = model.bigramRows;
    let b = text.charCodeAt(0);
    for (let i = 0; i + 1 < end; i += 1) {
      const a = b;
      b = text.charCodeAt(i + 1);
      if (!isHan(a) || !isHan(b)) continue;
      const row = table.get(bigramKey(a, b));
      if (row >= 0 && stamps[row] !== stamp) {
        stamps[row] = stamp;
        rows.push(row);
        weights.push(this.tuning.bigramWeight * this.at(i));
      }
    }
    return { tokens, rows, weights };
  }

  private at(offset: number): number {
    return offset < this.tuning.headChars ? 1 : this.tuning.tailWeight;
  }

  // Keywords inside one word, or spanning whole consecutive words, never across a word's edge
  // (用地 is not in 占用/地下). A keyword inside a longer one found at the same place is dropped.
  private keywordHits(tokens: readonly string[]): KeywordHit[] {
    const found: Array<{ keyword: string; start: number; end: number; departments: number[] }> = [];
    const max = this.maxKeywordLength;
    const look = (keyword: string, start: number) => {
      const departments = this.keywords.get(keyword);
      if (departments) found.push({ keyword, start, end: start + keyword.length, departments });
    };
    let offset = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i]!;
      for (let s = 0; s + 1 < t.length; s += 1) {
        if (!this.keywordPrefixes.has(pairCode(t, s))) continue;
        for (let e = s + 2; e <= t.length && e - s <= max; e += 1) look(s === 0 && e === t.length ? t : t.slice(s, e), offset + s);
      }
      let joined = t;
      for (let j = i + 1; j < tokens.length && j <= i + 3; j += 1) {
        joined += tokens[j]!;
        if (joined.length > max || !this.keywordPrefixes.has(pairCode(joined, 0))) break;
        look(joined, offset);
      }
      offset += t.length;
    }
    if (found.length === 0) return [];

    const kept = found.filter((f) => !found.some((g) => g.start <= f.start && f.end <= g.end && g.end - g.start > f.end - f.start));
    kept.sort((x, y) => x.start - y.start);
    // each keyword once, weighed where it first occurs
    const hits = new Map<string, KeywordHit>();
    for (const k of kept) {
      if (!hits.has(k.keyword)) hits.set(k.keyword, { keyword: k.keyword, departments: k.departments, weight: this.at(k.start) });
    }
    return [...hits.values()];
  }

  // The category of a department its examples say the words fit best; its first without examples.
  private categoryIn(d: number, features: Features): string | null {
    const dept = this.departments[d];
    if (!dept) return null;
    const cats = this.model?.deptCats[d] ?? [];
    if (!this.model || cats.length === 0) return dept.categories[0] ?? null;
    const { catLogDenominator, categories, catStart, catOf, catValue } = this.model;
    const D = this.departments.length;
    const { rows, weights } = features;
    let total = 0;
    for (const w of weights) total += w;
    const score = new Float64Array(categories.length);
    for (const c of cats) score[c] = -total * catLogDenominator[c]!;
    for (let k = 0; k < rows.length; k += 1) {
      const at = rows[k]! * D + d;
      const w = weights[k]!;
      for (let j = catStart[at]!, end = catStart[at + 1]!; j < end; j += 1) score[catOf[j]!]! += w * catValue[j]!;
    }
    let best = cats[0]!;
    for (const c of cats) if (score[c]! > score[best]!) best = c;
    return categories[best]!;
  }

  private evidenceFor(best: number, channel: Channel, scored: Scored): Evidence[] {
    const dept = this.departments[best];
    if (!dept) return [];
    const out: Evidence[] = [];
    for (const h of scored.hits) {
      if (h.departments.includes(best)) {
        out.push({ term: h.keyword, source: 'keyword', department: dept.name, weight: round(this.tuning.keywordWeight * h.weight) });
      }
    }
    if (this.leaning[channel] === best)
      out.push({ term: channel, source: 'channel', department: dept.name, weight: this.tuning.channelWeight });

    const model = this.model;
    if (model?.trainedDept[best]) {
      // each feature's weight for the winner over the runner-up
      const D = this.departments.length;
      let rival = -1;
      scored.scores.forEach((s, d) => {
        if (d !== best && (rival < 0 || s > scored.scores[rival]!)) rival = d;
      });
      const { rows, weights } = scored.features;
      // a word and the same two characters as a bigram are one term
      const terms = new Map<string, number>();
      for (let k = 0; k < rows.length; k += 1) {
        const base = rows[k]! * D;
        const w = weights[k]! * scored.scale * (model.deptWeights[base + best]! - (rival >= 0 ? model.deptWeights[base + rival]! : 0));
        const term = model.rowText[rows[k]!]!;
        terms.set(term, (terms.get(term) ?? 0) + w);
      }
      const top = [...terms].filter(([, w]) => w > 0).sort((x, y) => y[1] - x[1]);
      for (const [term, w] of top.slice(0, EVIDENCE_TERMS)) out.push({ term, source: 'model', department: dept.name, weight: round(w) });
    }
    return out;
  }

  // ---- departments

  // The department owning a category path: exact, else by its first level (市场监管>… → 市场监管局).
  private ownerOf(category: string): number | undefined {
    const exact = this.departments.findIndex((d) => d.categories.includes(category));
    if (exact >= 0) return exact;
    const top = category.split('>')[0]!.trim();
    const byTop = this.departments.findIndex((d) => d.categories.some((c) => c.split('>')[0] === top));
    return byTop >= 0 ? byTop : undefined;
  }

  // 12315 goes to market regulation and 110 to the police when the text says nothing; others to
  // the fallback
  private channelDefault(channel: Channel): number {
    const own = this.leaning[channel];
    return own >= 0 ? own : this.fallback;
  }
}

// any two characters as a 30-bit hash (a small integer), good enough to rule keywords out
function pairCode(text: string, i: number): number {
  return ((text.charCodeAt(i) << 15) ^ text.charCodeAt(i + 1)) & 0x3fffffff;
}

function softmax(scores: Float64Array): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < scores.length; i += 1) sum += out[i] = Math.exp(scores[i]! - max);
  for (let i = 0; i < out.length; i += 1) out[i]! /= sum;
  return out;
}

function argmax(values: Float64Array): number {
  let best = -1;
  for (let i = 0; i < values.length; i += 1) if (best < 0 || values[i]! > values[best]!) best = i;
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
