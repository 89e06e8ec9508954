import type { Channel, FeedRecordByChannel } from '@jointduty/shared';

// The shapes the simulator's parts hand each other.

export type HotlineRecord = FeedRecordByChannel['12345'];
export type ConsumerRecord = FeedRecordByChannel['12315'];
export type PoliceRecord = FeedRecordByChannel['110'];
export type SentimentRecord = FeedRecordByChannel['sentiment'];

export type EpisodeKind = 'poisoning' | 'vanishedGym' | 'viralPost' | 'claimant' | 'lookalike';
export const EPISODE_KINDS: readonly EpisodeKind[] = ['poisoning', 'vanishedGym', 'viralPost', 'claimant', 'lookalike'];

/** Which episode a record belongs to (not part of the record: the server must find the story itself). */
export interface EpisodeTag {
  id: string;
  kind: EpisodeKind;
  /** what the story is about: the merchant's name, the place, or the claimant (masked) */
  subject: string;
  district: string;
  /** when the episode's first record happens (ISO, +08:00) */
  startsAt: string;
}

/** A record with its channel and time; `episode` is set on records of an episode. */
export type GeneratedRecord = {
  [C in Channel]: { channel: C; at: Date; record: FeedRecordByChannel[C]; episode?: EpisodeTag };
}[Channel];

// an episode's record, at `at` (ms)
export type Planned = { [C in Channel]: { at: number; channel: C; record: FeedRecordByChannel[C] } }[Channel];

// what an episode planner returns: what the story is about, and its records
export interface EpisodePlan {
  subject: string;
  district: string;
  records: Planned[];
}
