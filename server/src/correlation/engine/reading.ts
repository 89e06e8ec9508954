import type { Channel } from '@jointduty/shared';
import type { SentimentLexicon } from '../../config/lexicons';
import { SentimentScorer, type SentimentText } from './signals/sentiment';
import { normalizeText, SEGMENT_MAX_CHARS, segmentAll } from './text/segmenter';

// One record read once: its texts normalized and its words segmented in one call of the
// segmenter, for every stage that reads text (the classifier, subjects, story, people,
// sentiment, sensitive topics, watch areas) to take instead of reading the raw fields again.

/** The fields of a record that are read, as the incident holds them. */
export interface RecordTexts {
  channel: Channel;
  title: string;
  content: string;
  address: string | null;
  merchant: { address: string | null } | null;
}

/** The text the classifier routes a record by: the content, after a prefix (a title, an industry) when there is one. */
export function classifierText(prefix: string | null, content: string): string {
  return prefix === null ? content : `${prefix} ${content}`;
}

/**
 * normalizeText(`${a} ${b}`) of the normalized a and b: normalizing maps each character on its
 * own (a letter's case never depends on what lies across a space) but for runs of white space,
 * which become one space, so only the space between them may merge with theirs.
 */
export function joinNormalized(a: string, b: string): string {
  return (a.endsWith(' ') ? a : `${a} `) + (b.startsWith(' ') ? b.slice(1) : b);
}

export interface Reading {
  /** `${title} ${content}`: what the record says */
  text: string;
  /** normalizeText(text) */
  norm: string;
  /** normalizeText(content) */
  content: string;
  /** the texts subjects and places are read from, normalized: free texts, then addresses */
  subjectTexts: string[];
  addressCount: number;
  /** the title, content and address joined by spaces, normalized: where watch areas are named */
  watchText: string;
  /** the words of the title, content and address (normalized, the first SEGMENT_MAX_CHARS) */
  words: string[];
  /** sentiment posts: what sentiment scores, and the words of its stretches */
  sentiment: { text: SentimentText; words: string[] } | null;
}

export class Reader {
  private readonly sentiment: SentimentScorer;

  constructor(lexicon: SentimentLexicon, sentiment?: SentimentScorer) {
    this.sentiment = sentiment ?? new SentimentScorer(lexicon);
  }

  read(r: RecordTexts): Reading {
    // each field normalized once; the texts made of them joined from those
    const title = normalizeText(r.title);
    const content = normalizeText(r.content);
    const address = r.address ? normalizeText(r.address) : '';
    const norm = joinNormalized(title, content);
    const full = joinNormalized(norm, address);
    // 12315 keeps its address in the merchant; a post's `location` is free text, not an address
    const subjectAddress = r.channel === 'sentiment' || r.channel === '12315' ? null : r.address;
    const merchantAddress = r.merchant?.address ?? null;
    const subjectTexts: string[] = [];
    if (r.title) subjectTexts.push(title);
    if (r.content) subjectTexts.push(content);
    let addressCount = 0;
    for (const a of [subjectAddress, merchantAddress]) {
      if (!a) continue;
      subjectTexts.push(a === r.address ? address : normalizeText(a));
      addressCount += 1;
    }
    const watchText =
      r.title && r.content ? (r.address ? full : norm) : normalizeText([r.title, r.content, r.address].filter(Boolean).join(' '));
    const sentiment = r.channel === 'sentiment' ? this.sentiment.read(r.content) : null;

    // One call of the segmenter for all the record's words. Words never span a space, so a text
    // read whole has the words of its fields one after the other: each field is segmented once
    // and the texts read whole are put together from them; a text cut short (its head) is
    // segmented as it is.
    const texts: string[] = [];
    const fullFits = full.length <= SEGMENT_MAX_CHARS;
    const fields = fullFits ? [texts.push(title) - 1, texts.push(content) - 1, texts.push(address) - 1] : null;
    const atFull = fullFits ? -1 : texts.push(full.slice(0, SEGMENT_MAX_CHARS)) - 1;
    const atSentiment = sentiment?.segmentable ? texts.push(sentiment.segmentable) - 1 : -1;
    const cut = segmentAll(texts);

    return {
      text: `${r.title} ${r.content}`,
      norm,
      content,
      subjectTexts,
      addressCount,
      watchText,
      words: fields ? [...cut[fields[0]!]!, ...cut[fields[1]!]!, ...cut[fields[2]!]!] : cut[atFull]!,
      sentiment: sentiment ? { text: sentiment, words: atSentiment >= 0 ? cut[atSentiment]! : [] } : null,
    };
  }
}
