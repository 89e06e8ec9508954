import type { IncidentFacts } from '@jointduty/shared';
/** What reach is estimated from: the post's own facts (IncidentFacts). */
export type ReachFactors = Pick<IncidentFacts, 'followers' | 'verified' | 'reposts' | 'comments' | 'likes' | 'views'>;

// No platform counts past this; larger numbers (and Infinity) are read as this.
const MAX_COUNT = 1e12;

// A count as given by a feed: missing, negative, NaN or not a number reads as 0.
function count(n: unknown): number {
  if (typeof n !== 'number' || Number.isNaN(n) || n <= 0) return 0;
  return Math.min(n, MAX_COUNT);
}

// Reach on a log scale, where one point is about ten times the audience:
//
//   reach = log10(1 + followers)
//         + 2 · log10(1 + 10·reposts + 3·comments + likes)
//         + 0.5 · log10(1 + views)
//         + 1 if the account is verified
//
// Followers are who can see the post; engagement counts twice since it shows the post spreading
// (a repost carries it to another audience, a comment keeps it alive, a like only marks it);
// views are counted by platforms loosely and weigh least; a verified account is quoted more.
// Every term grows with its input, so reach is monotonic in each; a missing field adds nothing.
// With counts capped at 1e12 the score stays below 46.
export function reachOf(f: ReachFactors): number {
  const engagement = 10 * count(f.reposts) + 3 * count(f.comments) + count(f.likes);
  return (
    Math.log10(1 + count(f.followers)) +
    2 * Math.log10(1 + engagement) +
    0.5 * Math.log10(1 + count(f.views)) +
    (f.verified === true ? 1 : 0)
  );
}
