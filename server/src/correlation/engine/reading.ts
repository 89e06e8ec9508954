import type { Channel } from '@jointduty/shared';
import type { SentimentLexicon } from '../../config/lexicons';
import { CLASSIFIER_WORD_CHARS } from './classifier';
import { SentimentScorer, type SentimentText } from './signals/sentiment';
import { dictionaryVersion, normalizeText, SEGMENT_MAX_CHARS, segmentAll } from './text/segmenter';

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
  /**
   * When the record is still to be classified: what the classifier's text puts before the content
   * (classifierText), null for the content alone
   */
  classifierPrefix?: string | null;
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
  /** what was read: a reading serves an incident only while its fields are these very strings */
  readonly from: {
    channel: Channel;
    title: string;
    content: string;
    address: string | null;
    merchantAddress: string | null;
    /** the segmenter's dictionary when the words were read (dictionaryVersion) */
    dictionary: number;
    /** the sentiment lexicon the sentiment text was found with */
    lexicon: SentimentLexicon;
  };
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
  /** the words of the classifier's text (its first CLASSIFIER_WORD_CHARS), when it was given */
  classifierWords: string[] | null;
}

export class Reader {
  private readonly sentiment: SentimentScorer;

  constructor(
    private readonly lexicon: SentimentLexicon,
    sentiment?: SentimentScorer,
  ) {
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
    const prefix = r.classifierPrefix;
    const classified = prefix !== undefined ? classifierText(prefix, r.content) : null;
    // the classifier reads its text whole: its prefix (the title's words when it is the title) and the content
    const classifierWhole = fields !== null && classified !== null && classified.length <= CLASSIFIER_WORD_CHARS;
    let atPrefix = -1;
    if (classifierWhole && prefix) atPrefix = prefix === r.title ? fields[0]! : texts.push(prefix) - 1;
    const atClassifier = classified !== null && !classifierWhole ? texts.push(classified.slice(0, CLASSIFIER_WORD_CHARS)) - 1 : -1;
    const atSentiment = sentiment?.segmentable ? texts.push(sentiment.segmentable) - 1 : -1;
    const dictionary = dictionaryVersion();
    const cut = segmentAll(texts);

    let classifierWords: string[] | null = null;
    if (classifierWhole) classifierWords = atPrefix >= 0 ? [...cut[atPrefix]!, ...cut[fields![1]!]!] : cut[fields![1]!]!;
    else if (atClassifier >= 0) classifierWords = cut[atClassifier]!;
    return {
      from: {
        channel: r.channel,
        title: r.title,
        content: r.content,
        address: r.address,
        merchantAddress,
        dictionary,
        lexicon: this.lexicon,
      },
      text: `${r.title} ${r.content}`,
      norm,
      content,
      subjectTexts,
      addressCount,
      watchText,
      words: fields ? [...cut[fields[0]!]!, ...cut[fields[1]!]!, ...cut[fields[2]!]!] : cut[atFull]!,
      sentiment: sentiment ? { text: sentiment, words: atSentiment >= 0 ? cut[atSentiment]! : [] } : null,
      classifierWords,
    };
  }

  /**
   * The reading handed over for this incident (handOver) if it is still what read() would give
   * now: the same fields, dictionary and lexicon. Taken once.
   */
  handedOver(incident: object & RecordTexts): Reading | null {
    const reading = handed.get(incident);
    if (!reading) return null;
    handed.delete(incident);
    const f = reading.from;
    const same =
      f.channel === incident.channel &&
      f.title === incident.title &&
      f.content === incident.content &&
      f.address === incident.address &&
      f.merchantAddress === (incident.merchant?.address ?? null) &&
      f.dictionary === dictionaryVersion() &&
      f.lexicon === this.lexicon;
    return same ? reading : null;
  }
}

// Readings made at intake, by the incident they were made for, waiting for the brain (the same
// object reaches it when intake stores and correlates in one go). Bounded: a record that waits
// longer is read again.
const handed = new Map<object, Reading>();
const MAX_HANDED = 4096;

/** Keeps an incident's reading for the brain to take over (Reader.handedOver). */
export function handOver(incident: object, reading: Reading): void {
  handed.set(incident, reading);
  if (handed.size > MAX_HANDED) handed.delete(handed.keys().next().value!);
}
