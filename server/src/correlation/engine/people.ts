import { createHash } from 'node:crypto';
import type { EventsFile } from '../../config/config.schema';
import { normalizeText } from './text/segmenter';

// What one person has filed lately, by a one-way key of their phone number: enough to see a
// repeat complaint or a professional claimant without keeping the number itself.

export interface PersonEntry {
  at: number;
  /** what the filing was about (a merchant, else a place and category): repeat complaints count per subject */
  subject: string | null;
  /** the merchant complained against, when there is one */
  merchant: string | null;
  complaint: boolean;
}

export interface PersonJudgement {
  /** filings about the same subject within the window, this one included */
  sameSubject: number;
  claimant: boolean;
  claimantWhy: string | null;
}

/** A stable, non-reversible key for a phone number: digits only, +86 dropped. */
export function personKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length < 7) return null;
  return 'p' + createHash('sha256').update(`jointduty-person:${digits}`).digest('hex').slice(0, 24);
}

const MAX_ENTRIES = 200;

export class PeopleIndex {
  private readonly byPerson = new Map<string, PersonEntry[]>();
  private readonly windowMs: number;
  private readonly punitive: string[];

  constructor(private readonly cfg: EventsFile['people']) {
    this.windowMs = cfg.windowDays * 86_400_000;
    this.punitive = cfg.punitive.map(normalizeText);
  }

  get size(): number {
    return this.byPerson.size;
  }

  /** The punitive multiple a text demands (假一赔十 …), if any: a claimant's mark on its own. */
  punitiveIn(text: string): string | null {
    return this.punitiveInNormalized(normalizeText(text));
  }

  private punitiveInNormalized(norm: string): string | null {
    return this.punitive.find((w) => norm.includes(w)) ?? null;
  }

  /** How this filing stands against the person's recent ones (not yet counting it in); `norm` is its text, normalized. */
  judge(key: string, entry: PersonEntry, norm: string, windowDays?: number): PersonJudgement {
    const window = windowDays !== undefined ? windowDays * 86_400_000 : this.windowMs;
    const recent = (this.byPerson.get(key) ?? []).filter((e) => e.at > entry.at - window && e.at <= entry.at + 60_000);
    const sameSubject = entry.subject ? recent.filter((e) => e.subject === entry.subject).length + 1 : 1;
    const complaints = recent.filter((e) => e.complaint && e.at > entry.at - this.windowMs);
    const merchants = new Set(complaints.map((e) => e.merchant).filter(Boolean));
    if (entry.complaint && entry.merchant) merchants.add(entry.merchant);
    const count = complaints.length + (entry.complaint ? 1 : 0);
    const { minComplaints, minMerchants } = this.cfg.claimant;
    if (count >= minComplaints && merchants.size >= minMerchants) {
      return {
        sameSubject,
        claimant: true,
        claimantWhy: `${count} complaints against ${merchants.size} merchants in ${this.cfg.windowDays} days`,
      };
    }
    const punitive = entry.complaint ? this.punitiveInNormalized(norm) : null;
    if (punitive) return { sameSubject, claimant: true, claimantWhy: `demands a punitive multiple (${punitive})` };
    return { sameSubject, claimant: false, claimantWhy: null };
  }

  add(key: string, entry: PersonEntry): void {
    let list = this.byPerson.get(key);
    if (!list) this.byPerson.set(key, (list = []));
    list.push(entry);
    if (list.length > MAX_ENTRIES) list.splice(0, list.length - MAX_ENTRIES);
  }

  /** Forgets filings older than the window before `now`. */
  prune(now: number): void {
    const oldest = now - this.windowMs;
    for (const [key, list] of this.byPerson) {
      if (list.length === 0 || list[list.length - 1]!.at < oldest) this.byPerson.delete(key);
      else if (list[0]!.at < oldest)
        this.byPerson.set(
          key,
          list.filter((e) => e.at >= oldest),
        );
    }
  }

  clear(): void {
    this.byPerson.clear();
  }
}
