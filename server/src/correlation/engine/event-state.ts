import { randomUUID } from 'node:crypto';
import type { Channel, EventRecord } from '@jointduty/shared';
import type { EventState, StorySignature } from '../../events/event.types';
import type { Subjects } from './subjects';

// What an incident's observation makes of an event's state: the one mapping from an Observation
// to event fields, for an event it starts (eventFor) and for each incident it takes in (absorb),
// whether the correlator joins it or a duty officer moves it.

/** What correlation needs to know of one incident. */
export interface Observation {
  id: string;
  channel: Channel;
  at: number;
  district: string | null;
  category: string | null;
  title: string;
  subjects: Subjects;
  story: StorySignature;
  /** praise never joins and is never joined */
  praise: boolean;
  /** a complaint or report against someone (group complaints count these) */
  complaint: boolean;
  person: string | null;
  claimant: boolean;
  harm: boolean;
  watchArea: string | null;
}

/** A fresh event: the given facts, nothing counted yet. */
export function newEventState(
  base: Pick<EventState, 'title' | 'district' | 'category' | 'subject' | 'place' | 'firstAt' | 'lastAt' | 'createdAt' | 'watchArea'> &
    Partial<Pick<EventState, 'id' | 'channels' | 'incidentCount' | 'reasons'>>,
): EventState {
  return {
    id: randomUUID(),
    channels: [],
    incidentCount: 0,
    keys: [],
    usccs: [],
    places: [],
    sigs: [],
    harmIncidents: 0,
    harmChannels: [],
    complainants: [],
    reasons: [],
    ...base,
  };
}

const MAX_COMPLAINANTS = 200;
const MAX_REASONS = 20;

/** A new event whose first incident is this one: its identity from the observation, nothing counted yet (absorb counts it). */
export function eventFor(o: Observation): EventState {
  const e = newEventState({
    title: o.title.slice(0, 200),
    district: o.district,
    category: o.category,
    subject: o.subjects.merchant,
    place: o.subjects.place,
    firstAt: o.at,
    lastAt: o.at,
    createdAt: Date.now(),
    watchArea: o.watchArea,
  });
  // praise stands alone: it joins nothing, and nothing joins it
  if (o.praise) e.standalone = true;
  return e;
}

/** Takes an incident into an event: counts, channels, times, identity still missing, keys, places, stories, harm, complainants, why it joined. */
export function absorb(e: EventState, o: Observation, reason: string | null): void {
  e.incidentCount++;
  if (!e.channels.includes(o.channel)) e.channels.push(o.channel);
  if (o.at < e.firstAt) e.firstAt = o.at;
  if (o.at > e.lastAt) e.lastAt = o.at;
  e.district ??= o.district;
  e.category ??= o.category;
  e.subject ??= o.subjects.merchant;
  e.place ??= o.subjects.place;
  e.watchArea ??= o.watchArea;
  if (o.subjects.uscc && !e.usccs.includes(o.subjects.uscc)) e.usccs.push(o.subjects.uscc);
  if (o.subjects.fieldKey && !(e.fieldKeys ??= []).includes(o.subjects.fieldKey) && e.fieldKeys.length < 4)
    e.fieldKeys.push(o.subjects.fieldKey);
  for (const k of o.subjects.keys) {
    // a brand named alone does not stand for the branch it joined: the next mention may be another branch
    if (e.keys.includes(k) || e.keys.length >= 16 || (!k.includes('(') && e.keys.some((x) => x.startsWith(`${k}(`)))) continue;
    e.keys.push(k);
  }
  for (const p of o.subjects.places) if (!e.places.includes(p) && e.places.length < 16) e.places.push(p);
  for (const [road, no] of Object.entries(o.subjects.numbers ?? {})) {
    e.numbers ??= {};
    e.numbers[road] ??= no;
  }
  // the first story and the two latest stand for the event
  if (e.sigs.length < 3) e.sigs.push(o.story);
  else e.sigs.splice(1, 2, e.sigs[2]!, o.story);
  if (o.harm) {
    e.harmIncidents++;
    if (!e.harmChannels.includes(o.channel)) e.harmChannels.push(o.channel);
  }
  if (o.complaint && !o.claimant) {
    e.complainants.push({ who: o.person ?? `i:${o.id}`, at: o.at });
    if (e.complainants.length > MAX_COMPLAINANTS) e.complainants.shift();
  }
  if (reason && !e.reasons.includes(reason) && e.reasons.length < MAX_REASONS) e.reasons.push(reason);
}

/**
 * A stored event the correlator no longer holds, as state: its facts and counts, nothing of its
 * incidents' keys or stories (a rebuild takes those in again; an alert needs only the facts).
 */
export function eventFromRecord(r: EventRecord): EventState {
  return newEventState({
    id: r.id,
    title: r.title,
    district: r.district,
    category: r.category,
    subject: r.subject,
    place: r.place,
    channels: r.channels,
    incidentCount: r.incidentCount,
    firstAt: Date.parse(r.firstAt),
    lastAt: Date.parse(r.lastAt),
    createdAt: Date.parse(r.createdAt),
    watchArea: null,
  });
}
