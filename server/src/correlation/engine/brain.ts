import type { Incident, IncidentFlag } from '@jointduty/shared';
import type { AppConfig } from '../../config/config.schema';
import type { EventLink, NewIncident } from '../../incidents/incident.types';
import { reachOf } from './signals/reach';
import { SensitiveTopics } from './signals/sensitive';
import { SentimentScorer } from './signals/sentiment';
import { addWords, normalizeText } from './text/segmenter';
import { WordIndex } from './text/word-index';
import { Correlator, type Assignment, type EventState, type Observation } from './correlator';
import { Reader, type Reading } from './reading';
import { PeopleIndex, personKey } from './people';
import { StoryReader } from './story';
import { SubjectExtractor } from './subjects';

// The server's understanding of the stream, with no database and no framework: what
// each record is about (subject, place, signals, flags) and which event it belongs to. The Nest
// service around it stores what it decides; the evaluation and the benchmark drive it directly.

/** What enrichment learnt of one incident that correlation needs and storage does not keep. */
export interface Analysis {
  observation: Observation;
  personKey: string | null;
  subjectKey: string | null;
  text: string;
  /** normalizeText(text) */
  norm: string;
}

export type Understood = NewIncident & { analysis: Analysis };

export interface BrainOptions {
  /** the peak-season watch area a record's texts name (none by default): its title, content and address joined by spaces, normalized */
  watchAreaOf?: (norm: string) => string | null;
  /** a rule's params as the active profile has them (the rule's own by default) */
  paramsFor?: (rule: { id: string; params: Record<string, unknown> }) => Record<string, unknown>;
}

const COMPLAINT_KINDS = new Set(['投诉', '举报']);
const MAX_KNOWN_NAMES = 200_000;

export class Brain {
  readonly subjects: SubjectExtractor;
  readonly story: StoryReader;
  readonly sentiment: SentimentScorer;
  readonly sensitive: SensitiveTopics;
  readonly people: PeopleIndex;
  readonly correlator: Correlator;
  /** reads each record once for every stage below */
  readonly reader: Reader;
  private readonly harmWords: string[];
  private readonly sensitiveRuleWords: string[];
  /** the same two lists, found in one pass over a text (an empty word is in every text) */
  private readonly harmIndex: WordIndex<number>;
  private readonly sensitiveRuleIndex: WordIndex<number>;
  private readonly emptyWord: { harm: boolean; sensitive: boolean };
  private newestAt = 0;
  /** merchant names seen lately (normalized, brand without branch) → their key; found again as words in free text */
  private readonly knownNames = new Map<string, string>();

  constructor(
    private readonly config: AppConfig,
    private readonly opts: BrainOptions = {},
  ) {
    this.subjects = new SubjectExtractor(config.subjectLexicon, {
      city: config.city.name,
      districts: config.city.districts.map((d) => d.name),
      districtAliases: config.city.districts.flatMap((d) => d.aliases),
      landmarks: config.gazetteer.filter((g) => g.kind === 'landmark'),
    });
    this.story = new StoryReader(config.storyLexicon);
    this.sentiment = new SentimentScorer(config.sentimentLexicon);
    this.reader = new Reader(config.sentimentLexicon, this.sentiment);
    this.sensitive = new SensitiveTopics(config.sensitiveLexicon);
    this.people = new PeopleIndex(config.events.people);
    this.correlator = new Correlator(config.events);
    const words = (rule: string) => {
      const w = config.rules.find((r) => r.id === rule)?.params.keywords;
      return Array.isArray(w) ? w.filter((x): x is string => typeof x === 'string').map(normalizeText) : [];
    };
    this.harmWords = words('mass-casualty');
    this.sensitiveRuleWords = words('sensitive-topic');
    this.harmIndex = new WordIndex(this.harmWords.map((w, k) => [w, k] as const));
    this.sensitiveRuleIndex = new WordIndex(this.sensitiveRuleWords.map((w, k) => [w, k] as const));
    this.emptyWord = { harm: this.harmWords.includes(''), sensitive: this.sensitiveRuleWords.includes('') };
  }

  /** The newest record time seen: the people index forgets from there, not from the clock. */
  get newest(): number {
    return this.newestAt;
  }

  /**
   * Stateless understanding of one normalized incident: subject, place, signals, sensitive flag.
   * Every stage takes the record's one reading, made here.
   */
  enrich(incident: Incident): Analysis {
    const reading = this.reader.read(incident);
    return this.understand(incident, reading);
  }

  private understand(incident: Incident, reading: Reading): Analysis {
    const subjects = this.subjects.extractRead({
      merchant: incident.merchant,
      texts: reading.subjectTexts,
      addressCount: reading.addressCount,
    });
    const { text, norm, words } = reading;
    // a merchant seen before is found by its name whatever its kind of business (婚纱摄影, 洗车 …)
    for (const w of words) {
      const key = this.knownNames.get(w);
      if (key && !subjects.keys.includes(key) && subjects.keys.length < 8) {
        subjects.keys.push(key);
        subjects.merchant ??= key.slice(5);
      }
    }
    const story = this.story.readNormalized(norm, words);
    const facts = incident.facts;
    if (subjects.merchant) facts.subject = subjects.merchant;
    if (subjects.place) facts.place = subjects.place;

    let praise = incident.kind === '表扬';
    if (incident.channel === 'sentiment') {
      const s = reading.sentiment
        ? this.sentiment.scoreWords(reading.sentiment.text, reading.sentiment.words)
        : this.sentiment.score(incident.content);
      facts.negativity = Math.round(s.negativity * 100) / 100;
      facts.reach = Math.round(
        reachOf({
          followers: facts.followers,
          verified: facts.verified,
          reposts: facts.reposts,
          comments: facts.comments,
          likes: facts.likes,
          views: facts.views,
        }),
      );
      // a cheerful post about a fire is still about a fire: praise is a post that tells no problem
      praise = s.negativity < this.config.events.praiseNegativityBelow && story.concepts.length === 0;
    }
    const topics = new Set<string>(this.sensitive.matchNormalized(reading.content).map((m) => m.label));
    const ruleHits: number[] = [];
    this.sensitiveRuleIndex.each(norm, (k) => {
      ruleHits.push(k);
    });
    if (ruleHits.length > 0 || this.emptyWord.sensitive) {
      // in the order of the rule's list
      for (const [k, w] of this.sensitiveRuleWords.entries()) if (w.length === 0 || ruleHits.includes(k)) topics.add(w);
    }
    if (topics.size > 0) {
      facts.sensitive = [...topics].slice(0, 8);
      addFlag(incident.flags, 'sensitive');
    }
    const watchArea = this.opts.watchAreaOf?.(reading.watchText) ?? null;
    if (watchArea) facts.watchArea = watchArea;

    const complaint = (incident.channel === '12315' || incident.channel === '12345') && COMPLAINT_KINDS.has(incident.kind);
    const person = personKey(incident.reporter?.phone);
    const subjectKey =
      subjects.keys[0] ??
      (subjects.places[0] && incident.category ? `${subjects.places[0]}|${incident.category}` : null) ??
      (incident.district && incident.category ? `${incident.district}|${incident.category}` : null);
    const harm = this.story.isHarm(story) || this.emptyWord.harm || this.harmIndex.someIn(norm);
    return {
      observation: {
        id: incident.id,
        channel: incident.channel,
        at: Date.parse(incident.occurredAt),
        district: incident.district,
        category: incident.category,
        title: incident.title,
        subjects,
        story,
        praise,
        complaint,
        person,
        claimant: false,
        harm: harm && !praise,
        watchArea,
      },
      personKey: person,
      subjectKey: subjectKey ? subjectKey.slice(0, 240) : null,
      text,
      norm,
    };
  }

  /**
   * Takes stored incidents in, in order: people flags (repeat, professional claimant), then the
   * event each joins. Sets incident.eventId, joinReason and flags; returns what to write.
   */
  take(stored: Understood[]): { links: EventLink[]; states: EventState[]; assignments: Assignment[] } {
    const touched = new Map<string, EventState>();
    const links: EventLink[] = [];
    const assignments: Assignment[] = [];
    const repeat = this.config.rules.find((r) => r.id === 'repeat-complaint');
    const repeatParams = repeat ? (this.opts.paramsFor?.(repeat) ?? repeat.params) : {};
    const repeatDays = typeof repeatParams.windowDays === 'number' ? repeatParams.windowDays : undefined;
    const minRepeat = typeof repeatParams.minCount === 'number' ? repeatParams.minCount : 3;
    for (const { incident, analysis } of stored) {
      const o = analysis.observation;
      if (o.at > this.newestAt) this.newestAt = o.at;
      if (analysis.personKey) {
        const entry = { at: o.at, subject: analysis.subjectKey, merchant: o.subjects.keys[0] ?? null, complaint: o.complaint };
        const j = this.people.judge(analysis.personKey, entry, analysis.norm, repeatDays);
        if (repeat?.enabled !== false && j.sameSubject >= minRepeat && !o.praise) addFlag(incident.flags, 'repeat');
        if (j.claimant) {
          addFlag(incident.flags, 'professional-claimant');
          if (j.claimantWhy) incident.facts.claimantWhy = j.claimantWhy;
          o.claimant = true;
        }
        this.people.add(analysis.personKey, entry);
      }
      const a = this.correlator.assign(o);
      assignments.push(a);
      // only names a feed gave in its merchant field are learnt: names read from free text are guesses
      if (!o.praise && o.subjects.fieldKey) this.learnNames([o.subjects.fieldKey]);
      incident.eventId = a.eventId;
      incident.joinReason = a.reason;
      links.push({ id: incident.id, eventId: a.eventId, joinReason: a.reason, flags: incident.flags });
      touched.set(a.eventId, this.correlator.get(a.eventId)!);
    }
    return { links, states: [...touched.values()], assignments };
  }

  /** Remembers merchant names so later texts find them as words (restored events call this too). */
  learnNames(keys: string[]): void {
    const fresh: string[] = [];
    for (const key of keys) {
      if (!key.startsWith('name:')) continue;
      // a branch is remembered by its brand: the text names the branch some other way, or not at all
      const name = key.slice(5).replace(/\(.*\)$/, '');
      if (name.length < 3 || this.knownNames.has(name)) continue;
      this.knownNames.set(name, `name:${name}`);
      fresh.push(name);
    }
    if (fresh.length > 0) addWords(fresh);
    // oldest first out: the map keeps insertion order
    while (this.knownNames.size > MAX_KNOWN_NAMES) this.knownNames.delete(this.knownNames.keys().next().value!);
  }

  clear(): void {
    this.correlator.clear();
    this.people.clear();
  }
}

function addFlag(flags: IncidentFlag[], flag: IncidentFlag): void {
  if (!flags.includes(flag)) flags.push(flag);
}
