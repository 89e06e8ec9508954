import { z } from 'zod';
import { ORDER_NOTE_MAX, ORDER_REASON_MAX, ORDER_STATUSES, REPLY_RESULTS, SATISFACTIONS } from './orders';
import { text } from './feeds/primitives';

// The work order requests (CONTRACT §7), validated by the server with these schemas. Kept out of
// ./orders so the web, which takes that file's types and constants, bundles no zod.

const note = (min: number, max = ORDER_NOTE_MAX) => text(min, max);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(' ')}` });

export const orderSignBodySchema = z.object({ note: note(0).optional() }).strict();
export const orderContactBodySchema = z.object({ note: note(1) }).strict();
export const orderReplyBodySchema = z.object({ result: oneOf(REPLY_RESULTS), note: note(1) }).strict();
/** `workingDays` is checked against the config's limit by the server */
export const orderExtendBodySchema = z
  .object({
    workingDays: z.number({ error: 'must be a whole number of working days' }).int('must be a whole number').min(1, 'must be at least 1'),
    reason: note(1, ORDER_REASON_MAX),
  })
  .strict();
export const orderReturnBodySchema = z.object({ reason: note(1, ORDER_REASON_MAX) }).strict();
export const orderAssignBodySchema = z
  .object({ departmentId: z.string().min(1).max(64), note: note(0).optional() })
  .strict();
export const orderRemindBodySchema = z.object({ note: note(1) }).strict();
export const orderExtensionBodySchema = z
  .object({ approve: z.boolean({ error: 'must be true or false' }), note: note(0).optional() })
  .strict();
export const orderFollowupBodySchema = z
  .object({ satisfaction: oneOf(SATISFACTIONS), resolved: z.boolean({ error: 'must be true or false' }), note: note(0).optional() })
  .strict();
export const orderCloseBodySchema = z.object({ note: note(0).optional() }).strict();
export const orderCreateBodySchema = z.object({ departmentId: z.string().min(1).max(64).optional(), note: note(0).optional() }).strict();

export const ORDER_BODY_SCHEMAS = {
  sign: orderSignBodySchema,
  contact: orderContactBodySchema,
  reply: orderReplyBodySchema,
  extend: orderExtendBodySchema,
  return: orderReturnBodySchema,
  assign: orderAssignBodySchema,
  remind: orderRemindBodySchema,
  extension: orderExtensionBodySchema,
  followup: orderFollowupBodySchema,
  close: orderCloseBodySchema,
} as const;
export type OrderBodies = { [K in keyof typeof ORDER_BODY_SCHEMAS]: z.output<(typeof ORDER_BODY_SCHEMAS)[K]> };

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** `GET /api/orders` and `/api/orders/export` */
export const orderQuerySchema = z
  .object({
    status: z
      .string()
      .transform((s) => s.split(','))
      .pipe(z.array(oneOf(ORDER_STATUSES)))
      .optional(),
    department: z.string().min(1).max(64).optional(),
    due: oneOf(['today', 'overdue', '3d'] as const).optional(),
    ledger: flag.optional(),
    extension: oneOf(['pending'] as const).optional(),
    q: text(1, 100).optional(),
    sort: oneOf(['newest', 'deadline'] as const).optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'must be a whole number from 1 to 500')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 500, 'must be a whole number from 1 to 500')
      .optional(),
    cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from an earlier page').optional(),
  })
  .strict();
export type OrderQuery = z.output<typeof orderQuerySchema>;
