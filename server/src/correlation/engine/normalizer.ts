import { randomUUID } from 'node:crypto';
import type {
  Channel,
  ConsumerRecord,
  FeedRecordByChannel,
  HotlineRecord,
  Incident,
  IncidentFacts,
  IncidentFlag,
  PoliceRecord,
  SentimentRecord,
} from '@jointduty/shared';
import type { DistrictResolver } from './district-resolver';
import type { Classifier, Routing, RoutingHint } from './classifier';
import { classifierText, type RecordTexts } from './reading';

export interface NormalizeContext {
  receivedAt: Date;
  simulated: boolean;
  resolver: DistrictResolver;
  classifier: Classifier;
}

const TITLE_CHARS = 40;

/** A one-line title from free text: the first sentence or the first 40 characters. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{6,}?)[。！？!?；;]/.exec(line)?.[1] ?? line;
  // no more UTF-16 units than that: no more characters either
  if (sentence.length <= TITLE_CHARS) return sentence;
  const chars = [...sentence];
  return chars.length > TITLE_CHARS ? chars.slice(0, TITLE_CHARS).join('') + '…' : sentence;
}

/** The object without its undefined fields (a copy: deleting would leave it in V8's slow mode). */
function compact<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

// The classifier's routing of a record: its content, after the prefix (a title, an industry).
function route(ctx: NormalizeContext, texts: RecordTexts & { classifierPrefix: string | null }, hint?: RoutingHint) {
  const text = classifierText(texts.classifierPrefix, texts.content);
  const routing: Routing = ctx.classifier.classify(texts.channel, text, hint);
  return { routing };
}

/** Maps a validated native record of any channel onto the one Incident shape. */
export function normalize<C extends Channel>(channel: C, record: FeedRecordByChannel[C], ctx: NormalizeContext): Incident {
  // each shape is written out in full, in this order: in V8 (Node 20) an object spread followed by
  // more fields costs microseconds a field
  const id = randomUUID();
  const receivedAt = ctx.receivedAt.toISOString();
  const flags = (ctx.simulated ? ['simulated'] : []) as IncidentFlag[];
  switch (channel) {
    case '12345': {
      const r = record as HotlineRecord;
      const place = ctx.resolver.resolve({ district: r.district, location: r.location, address: r.address, text: r.content });
      const title = r.title ?? titleFrom(r.content);
      const address = r.address ?? null;
      const { routing } = route(
        ctx,
        { channel, title, content: r.content, address, merchant: null, classifierPrefix: r.title ?? '' },
        { category: r.category, department: r.department },
      );
      const incident: Incident = {
        id,
        channel,
        receivedAt,
        eventId: null,
        flags,
        externalId: r.orderNo,
        occurredAt: new Date(r.acceptedAt).toISOString(),
        kind: r.appealType,
        title,
        content: r.content,
        address,
        district: place.district,
        location: r.location ?? null,
        category: routing.category,
        department: routing.department,
        reporter: r.citizen ? { name: r.citizen.name ?? null, phone: r.citizen.phone ?? null } : null,
        merchant: null,
        dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null,
        facts: compact<IncidentFacts>({ urgency: r.urgency, source: r.source }),
      };
      return incident;
    }
    case '12315': {
      const r = record as ConsumerRecord;
      const address = r.merchant?.address ?? null;
      const place = ctx.resolver.resolve({ district: r.district, location: r.location, address, text: r.content });
      const title = r.merchant ? `${r.merchant.name}：${titleFrom(r.content)}` : titleFrom(r.content);
      const merchant = r.merchant ? { name: r.merchant.name, uscc: r.merchant.uscc ?? null, address: r.merchant.address ?? null } : null;
      const { routing } = route(ctx, {
        channel,
        title,
        content: r.content,
        address,
        merchant,
        classifierPrefix: r.industry ?? '',
      });
      const incident: Incident = {
        id,
        channel,
        receivedAt,
        eventId: null,
        flags,
        externalId: r.regNo,
        occurredAt: new Date(r.receivedAt).toISOString(),
        kind: r.kind,
        title,
        content: r.content,
        address,
        district: place.district,
        location: r.location ?? null,
        category: routing.category,
        department: routing.department,
        reporter: r.consumer ? { name: r.consumer.name ?? null, phone: r.consumer.phone ?? null } : null,
        merchant,
        dueAt: null,
        facts: compact<IncidentFacts>({ industry: r.industry, amount: r.amount }),
      };
      return incident;
    }
    case '110': {
      const r = record as PoliceRecord;
      const place = ctx.resolver.resolve({ district: r.district, location: r.location, address: r.address, text: r.summary });
      const title = titleFrom(r.summary);
      const { routing } = route(
        ctx,
        { channel, title, content: r.summary, address: r.address, merchant: null, classifierPrefix: null },
        { alarmType: r.alarmType },
      );
      const incident: Incident = {
        id,
        channel,
        receivedAt,
        eventId: null,
        flags,
        externalId: r.caseNo,
        occurredAt: new Date(r.reportedAt).toISOString(),
        kind: r.alarmType,
        title,
        content: r.summary,
        address: r.address,
        district: place.district,
        location: r.location ?? null,
        category: routing.category,
        department: routing.department,
        reporter: r.callerPhone ? { name: null, phone: r.callerPhone } : null,
        merchant: null,
        dueAt: null,
        facts: compact<IncidentFacts>({ level: r.level, casualties: r.casualties }),
      };
      return incident;
    }
    case 'sentiment': {
      const r = record as SentimentRecord;
      const fromLocation = r.location ? ctx.resolver.resolve({ district: null, address: r.location }) : { district: null };
      const district = fromLocation.district ?? ctx.resolver.resolve({ text: r.text }).district;
      const title = titleFrom(r.text);
      const address = r.location ?? null;
      const { routing } = route(ctx, { channel, title, content: r.text, address, merchant: null, classifierPrefix: null });
      const incident: Incident = {
        id,
        channel,
        receivedAt,
        eventId: null,
        flags,
        externalId: r.postId,
        occurredAt: new Date(r.publishedAt).toISOString(),
        kind: r.platform,
        title,
        content: r.text,
        address,
        district,
        location: null,
        category: routing.category,
        department: routing.department,
        reporter: null,
        merchant: null,
        dueAt: null,
        facts: compact<IncidentFacts>({
          platform: r.platform,
          url: r.url,
          author: r.author?.name,
          followers: r.author?.followers,
          verified: r.author?.verified,
          reposts: r.metrics?.reposts,
          comments: r.metrics?.comments,
          likes: r.metrics?.likes,
          views: r.metrics?.views,
          topics: r.topics,
        }),
      };
      return incident;
    }
    default:
      throw new Error(`unknown channel ${String(channel)}`);
  }
}
