import { z } from 'zod';
import { CHANNELS } from './channels';
import { PAGE_MAX } from './console';
import { text } from './feeds/primitives';
import { INCIDENT_FLAGS, type IncidentFlag } from './incident';

// The duty console's requests, validated by the server with these schemas. The web
// takes only the types and helpers of ./console, so no zod reaches its bundle.

// A query parameter given twice arrives as an array; single-valued ones refuse that by name.
const one = (max: number) =>
  z
    .string({ error: 'must be given once, as text' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

const queryTime = z
  .string({ error: 'must be an ISO 8601 time' })
  .max(40, { error: 'must be an ISO 8601 time' })
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), { error: 'must be an ISO 8601 time' })
  .transform((s) => Date.parse(s));

const limit = z
  .string({ error: `must be a whole number from 1 to ${PAGE_MAX}` })
  .regex(/^\d{1,4}$/, { error: `must be a whole number from 1 to ${PAGE_MAX}` })
  .transform(Number)
  .refine((n) => n >= 1 && n <= PAGE_MAX, { error: `must be a whole number from 1 to ${PAGE_MAX}` });

const CURSOR_ERROR = 'must be a cursor: the last row’s time~id';
/** A page cursor `2026-07-20T12:00:00.000Z~<id>` (see incidentCursor, auditCursor). */
const cursor = z
  .string({ error: CURSOR_ERROR })
  .max(120, { error: CURSOR_ERROR })
  .transform((s, ctx) => {
    const cut = s.lastIndexOf('~');
    const at = cut > 0 ? Date.parse(s.slice(0, cut)) : NaN;
    const id = cut > 0 ? s.slice(cut + 1) : '';
    if (Number.isNaN(at) || !/^[\w-]{1,64}$/.test(id)) {
      ctx.addIssue({ code: 'custom', message: CURSOR_ERROR });
      return z.NEVER;
    }
    return { at, id };
  });

// flags: `flag=sensitive&flag=repeat` or `flag=sensitive,repeat`; an incident with any of them matches
const FLAG_ERROR = `must be one of ${INCIDENT_FLAGS.join(' ')}`;
const flagList = z.preprocess(
  (v) =>
    (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' ? x.split(',').map((s) => s.trim()) : [x])).filter((x) => x !== ''),
  z
    .array(z.unknown())
    .max(8, { error: 'at most 8 flags' })
    .refine((list) => list.every((x) => (INCIDENT_FLAGS as readonly unknown[]).includes(x)), { error: FLAG_ERROR })
    .transform((list) => list as IncidentFlag[]),
);

// a title search is no way to look up a citizen by phone or ID number
const titleSearch = one(100).refine((s) => !/\d{7,}/.test(s), { error: 'must not hold a phone or ID number (7 digits or more)' });

/** `GET /api/incidents` query (admin duty leader). Unknown parameters are ignored. */
export const incidentQuerySchema = z.object({
  channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(' ')}` }).optional(),
  district: one(32).optional(),
  /** an exact category path or the head of one (`市场监管` takes `市场监管>食品安全`) */
  category: one(200).optional(),
  /** a department's name (as incidents carry it) or id */
  department: one(100).optional(),
  flag: flagList.optional(),
  since: queryTime.optional(),
  until: queryTime.optional(),
  eventId: one(64).optional(),
  q: titleSearch.optional(),
  limit: limit.optional(),
  before: cursor.optional(),
});
export type IncidentQueryParsed = z.output<typeof incidentQuerySchema>;

/** `POST /api/incidents/{id}/reclassify` (admin duty). */
export const reclassifyBodySchema = z.object({
  /** a category path of the configured taxonomy, e.g. `市场监管>预付卡` */
  category: text(1, 200),
  /** a department's id or name; by default the one whose categories hold `category` */
  department: text(1, 100).optional(),
});
export type ReclassifyBody = z.infer<typeof reclassifyBodySchema>;

/** `POST /api/incidents/{id}/move` (admin duty): to another event, or (null) to one of its own. */
export const moveBodySchema = z.object({
  eventId: z.union([text(1, 64), z.null()], { error: 'required: an event id, or null for an event of its own' }),
});
export type MoveBody = z.infer<typeof moveBodySchema>;

/** `GET /api/audit` query (admin). */
export const auditQuerySchema = z.object({
  actor: one(64).optional(),
  action: one(64).optional(),
  targetType: one(32).optional(),
  targetId: one(128).optional(),
  since: queryTime.optional(),
  until: queryTime.optional(),
  limit: limit.optional(),
  before: cursor.optional(),
});
export type AuditQueryParsed = z.output<typeof auditQuerySchema>;
