import type { Department } from '../../config/config.schema';
import type { ClassifierExamples } from '../../config/classifier-examples';
import type { ClassifierTuning } from './classifier';
import { segment } from './text/segmenter';

// The classifier's model: multinomial naive Bayes over the words (jieba) and Han character
// bigrams present in each labelled example, trained once when the classifier is made.

export interface Model {
  // feature → row; words by their text, bigrams by bigramKey
  words: Map<string, number>;
  bigrams: Map<number, number>;
  // the same, as an open-addressing table: bigramKey → row, or -1
  bigramRows: IntTable;
  rowText: string[];
  // row * D + d: log P(feature | department), centred on the mean over trained departments and
  // scaled by the feature's icf; 0 for departments without examples
  deptWeights: Float64Array;
  trainedDept: boolean[];
  // within a department, category c scores the sum over features of weight × catBonus (pairs c,
  // log((count + smoothing) / smoothing)) less the features' total weight × catLogDenominator[c]
  catBonus: number[][];
  // the same pairs by row and department: those of row r for department d are
  // [catStart[r * D + d], catStart[r * D + d + 1]) of catOf and catValue
  catStart: Int32Array;
  catOf: Int32Array;
  catValue: Float64Array;
  catLogDenominator: Float64Array;
  categories: string[];
  catDept: number[];
  deptCats: number[][];
}

// a segment that is a number or a code (2019, a3, k8) says nothing about the department
const NOT_A_WORD = /^[a-z]?[\d.:%-]*[a-z]?$/;

/** The model the examples make for these departments (those without examples score 0). */
export function trainModel(departments: readonly Department[], tuning: ClassifierTuning, examples: ClassifierExamples): Model {
  const D = departments.length;
  const a = tuning.smoothing;
  const words = new Map<string, number>();
  const bigrams = new Map<number, number>();
  const rowText: string[] = [];
  const rowOf = <K>(map: Map<K, number>, key: K, text: string): number => {
    let row = map.get(key);
    if (row === undefined) {
      row = rowText.length;
      map.set(key, row);
      rowText.push(text);
    }
    return row;
  };

  const categories: string[] = [];
  const catDept: number[] = [];
  const docs: Array<{ c: number; rows: number[]; weights: number[] }> = [];
  for (const [label, texts] of Object.entries(examples.examples)) {
    const d = departments.findIndex((dep) => dep.categories.includes(label));
    if (d < 0) continue;
    const c = categories.push(label) - 1;
    catDept.push(d);
    for (const text of texts) {
      const rows: number[] = [];
      const weights: number[] = [];
      const seen = new Set<number>();
      const add = (row: number, w: number) => {
        if (seen.has(row)) return;
        seen.add(row);
        rows.push(row);
        weights.push(w);
      };
      for (const t of segment(text)) if (t.length >= 2 && !NOT_A_WORD.test(t)) add(rowOf(words, t, t), 1);
      for (let i = 0; i + 1 < text.length; i += 1) {
        const x = text.charCodeAt(i);
        const y = text.charCodeAt(i + 1);
        if (isHan(x) && isHan(y)) add(rowOf(bigrams, bigramKey(x, y), text.slice(i, i + 2)), tuning.bigramWeight);
      }
      docs.push({ c, rows, weights });
    }
  }

  const V = rowText.length;
  const C = categories.length;
  const deptCounts = new Float64Array(V * D);
  const deptTotals = new Float64Array(D);
  const catCounts = new Float64Array(V * C);
  const catTotals = new Float64Array(C);
  for (const { c, rows, weights } of docs) {
    const d = catDept[c]!;
    for (let k = 0; k < rows.length; k += 1) {
      const row = rows[k]!;
      const w = weights[k]!;
      deptCounts[row * D + d]! += w;
      deptTotals[d]! += w;
      catCounts[row * C + c]! += w;
      catTotals[c]! += w;
    }
  }

  const trainedDept = Array.from({ length: D }, (_, d) => deptTotals[d]! > 0);
  const trained = trainedDept.filter(Boolean).length;
  const icfNorm = Math.log(trained + 1);
  const deptWeights = new Float64Array(V * D);
  const logP = new Float64Array(D);
  for (let v = 0; v < V; v += 1) {
    let df = 0;
    let mean = 0;
    for (let d = 0; d < D; d += 1) {
      if (!trainedDept[d]) continue;
      const n = deptCounts[v * D + d]!;
      if (n > 0) df += 1;
      logP[d] = Math.log((n + a) / (deptTotals[d]! + a * V));
      mean += logP[d]!;
    }
    mean /= trained;
    const icf = tuning.icf > 0 ? (Math.log((trained + 1) / (df + 1)) / icfNorm) ** tuning.icf : 1;
    for (let d = 0; d < D; d += 1) if (trainedDept[d]) deptWeights[v * D + d] = icf * (logP[d]! - mean);
  }

  const catBonus: number[][] = [];
  for (let v = 0; v < V; v += 1) {
    const pairs: number[] = [];
    for (let c = 0; c < C; c += 1) {
      const n = catCounts[v * C + c]!;
      if (n > 0) pairs.push(c, Math.log((n + a) / a));
    }
    catBonus.push(pairs);
  }
  const catLogDenominator = Float64Array.from(catTotals, (t) => Math.log((t + a * V) / a));
  const deptCats = Array.from({ length: D }, (_, d) => catDept.flatMap((owner, c) => (owner === d ? [c] : [])));
  // catBonus by row and department, each department's pairs in the order catBonus has them
  const catStart = new Int32Array(V * D + 1);
  for (let v = 0; v < V; v += 1) {
    const pairs = catBonus[v]!;
    for (let j = 0; j < pairs.length; j += 2) catStart[v * D + catDept[pairs[j]!]! + 1]! += 1;
  }
  for (let i = 1; i <= V * D; i += 1) catStart[i]! += catStart[i - 1]!;
  const catOf = new Int32Array(catStart[V * D]!);
  const catValue = new Float64Array(catOf.length);
  const fill = catStart.slice(0, V * D);
  for (let v = 0; v < V; v += 1) {
    const pairs = catBonus[v]!;
    for (let j = 0; j < pairs.length; j += 2) {
      const at = fill[v * D + catDept[pairs[j]!]!]!++;
      catOf[at] = pairs[j]!;
      catValue[at] = pairs[j + 1]!;
    }
  }
  const bigramRows = new IntTable(bigrams.size);
  for (const [key, row] of bigrams) bigramRows.set(key, row);
  return {
    words,
    bigrams,
    bigramRows,
    rowText,
    deptWeights,
    trainedDept,
    catBonus,
    catStart,
    catOf,
    catValue,
    catLogDenominator,
    categories,
    catDept,
    deptCats,
  };
}

// Non-negative small integers → non-negative integers, by open addressing: what a Map does, without
// hashing through the engine (a text's bigrams are looked up by the hundred).
export class IntTable {
  private readonly keys: Int32Array;
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(size: number) {
    let capacity = 16;
    while (capacity < size * 2) capacity *= 2;
    this.keys = new Int32Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  set(key: number, value: number): void {
    let i = Math.imul(key, 0x9e3779b1) & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.values[i] = value;
  }

  get(key: number): number {
    for (let i = Math.imul(key, 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === -1) return -1;
    }
  }
}

// A pair of Han characters as a small integer (V8 keeps those unboxed, so Map and Set look-ups
// allocate nothing), exactly.
export function bigramKey(a: number, b: number): number {
  return (a - 0x4e00) * 0x5200 + (b - 0x4e00);
}

export function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}
