import type { Channel } from '@jointduty/shared';
import type { AppConfig } from '../config/config.schema';

export interface Routing {
  category: string | null;
  department: string | null;
}

type Department = AppConfig['departments'][number];

// A first keyword router: the department whose keywords the text hits most. A later issue
// replaces it with segmentation and a trained model; the interface stays.
export class Classifier {
  private readonly byId = new Map<string, Department>();
  private readonly keywords: Array<{ word: string; dept: Department }> = [];
  private readonly fallback: Department | undefined;

  constructor(departments: Department[]) {
    for (const d of departments) {
      this.byId.set(d.id, d);
      for (const w of d.keywords) if (w) this.keywords.push({ word: w, dept: d });
    }
    // longer keywords first so '网约车' outranks '车'
    this.keywords.sort((a, b) => b.word.length - a.word.length);
    this.fallback = departments.find((d) => d.fallback) ?? departments[departments.length - 1];
  }

  classify(channel: Channel, text: string, hint?: { category?: string; department?: string; alarmType?: string }): Routing {
    // a category the feed already chose names its department; else the words decide
    const dept = (hint?.category ? this.ownerOf(hint.category) : undefined) ?? this.best(text) ?? this.channelDefault(channel);
    const category = hint?.category ?? this.categoryOf(dept, channel, hint?.alarmType);
    return { category, department: hint?.department ?? dept?.name ?? null };
  }

  private best(text: string): Department | undefined {
    const score = new Map<Department, number>();
    for (const { word, dept } of this.keywords) {
      if (text.includes(word)) score.set(dept, (score.get(dept) ?? 0) + word.length);
    }
    let top: Department | undefined;
    let topScore = 0;
    for (const [d, s] of score) if (s > topScore) [top, topScore] = [d, s];
    return top;
  }

  /** The department owning a category path: exact, else by its first level (市场监管>… → 市场监管局). */
  private ownerOf(category: string): Department | undefined {
    const all = [...this.byId.values()];
    const exact = all.find((d) => d.categories.includes(category));
    if (exact) return exact;
    const top = category.split('>')[0]!.trim();
    return all.find((d) => d.categories.some((c) => c.split('>')[0] === top));
  }

  private channelDefault(channel: Channel): Department | undefined {
    const find = (re: RegExp) => [...this.byId.values()].find((d) => re.test(d.name));
    if (channel === '12315') return find(/市场监管/) ?? this.fallback;
    if (channel === '110') return find(/公安/) ?? this.fallback;
    return this.fallback;
  }

  private categoryOf(dept: Department | undefined, channel: Channel, alarmType?: string): string | null {
    if (channel === '110' && alarmType && dept && /公安/.test(dept.name)) return `公安>${alarmType}`;
    return dept?.categories[0] ?? null;
  }
}
