import { z } from 'zod';
import { EVENT_LIST_MAX, EVENT_LIST_SCOPES } from './event-note';
import { isoTime } from './feeds/primitives';

// The leader view's queries, validated by the server with these schemas. The web takes
// only the types and constants of ./event-note and ./alert, so no zod reaches its bundle.

/** An id of a stored record (alert, event, dispatch) as a query value: what `randomUUID` makes, and a little room. */
export const recordId = z
  .string({ error: 'must be given once, as an id' })
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id: 1–64 letters, digits or -');

const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: `must be given once, a whole number from ${min} to ${max}` })
    .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

/** `GET /api/events?scope=leader&since=&limit=`: query strings as they arrive. */
export const eventListQuerySchema = z.object({
  scope: z.enum(EVENT_LIST_SCOPES, { error: `must be one of ${EVENT_LIST_SCOPES.join(' ')}` }),
  since: isoTime.optional(),
  limit: wholeNumber(1, EVENT_LIST_MAX).optional(),
});
export type EventListQuery = z.output<typeof eventListQuerySchema>;
