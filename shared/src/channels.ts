/** The four intake channels (CONTRACT §2). */
export const CHANNELS = ['12345', '12315', '110', 'sentiment'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The field of each channel's native record that carries its unique id. */
export const EXTERNAL_ID_FIELD: Record<Channel, string> = {
  '12345': 'orderNo',
  '12315': 'regNo',
  '110': 'caseNo',
  sentiment: 'postId',
};

/** The field of each channel's native record that carries when it happened. */
export const OCCURRED_AT_FIELD: Record<Channel, string> = {
  '12345': 'acceptedAt',
  '12315': 'receivedAt',
  '110': 'reportedAt',
  sentiment: 'publishedAt',
};

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** Limits of one feed request (CONTRACT §2). */
export const FEED_LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxRecords: 1000,
  // deeper JSON than this is refused: no legitimate record nests more than a few levels
  maxDepth: 12,
} as const;
