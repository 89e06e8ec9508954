import { z } from 'zod';

import { CHANNELS, type Channel } from '@jointduty/shared';

// The shapes of config/calendar.yaml (the working-day calendar) and config/orders.yaml (the work
// orders' limits and reminders), and the typed configuration made of them. Checks between
// entries are in load-calendar.ts and load-orders.ts.

// ---- the typed configuration

export interface CalendarHoliday {
  name: string;
  /** first and last day off, city dates 'YYYY-MM-DD', both included */
  from: string;
  to: string;
}

export interface CalendarYear {
  year: number;
  /** the notice the year is taken from */
  source: string | null;
  holidays: CalendarHoliday[];
  /** make-up working days (调休上班), 'YYYY-MM-DD' */
  workdays: string[];
}

/** The years the office has entered, oldest first; a year not here counts Monday to Friday. */
export interface CalendarConfig {
  years: CalendarYear[];
}

/** A time limit: the end of the n-th working day after the day it counts from, or n hours later. */
export type OrderLimit = { workingDays: number } | { hours: number };

/** The handling limit counts from receipt, or from the first check (12315 投诉). */
export type OrderDueLimit = OrderLimit & { after: 'receipt' | 'firstCheck' };

export interface OrderLimits {
  /** 初查; null: the order has none */
  firstCheck: OrderLimit | null;
  /** 办理期限 */
  due: OrderDueLimit;
}

export interface ChannelLimits {
  /** 12345 `urgency: 紧急`, whatever the kind */
  urgent: OrderLimits | null;
  /** by the incident's kind (诉求类型, 12315 kind) */
  kinds: Record<string, OrderLimits>;
  /** the channel's other kinds; null: they take the default */
  other: OrderLimits | null;
}

export const AUTO_REMINDER_LEVELS = ['group', 'platform', 'phone'] as const;
export type AutoReminderLevel = (typeof AUTO_REMINDER_LEVELS)[number];

export interface OrdersConfig {
  limits: {
    channels: Partial<Record<Channel, ChannelLimits>>;
    /** orders of a channel or kind not listed (those duty opens on 110 and 舆情) */
    default: OrderLimits;
  };
  /** each level fires once when this many working days are left on a deadline, or fewer */
  reminderLevels: Record<AutoReminderLevel, number>;
  /** 'HH:MM' city time from which the levels due on a day fire */
  reminderTime: string;
  /** reminderTime as minutes after the city's midnight */
  reminderMinute: number;
  extensionMaxWorkingDays: number;
  /** working days to reply again after an unsatisfied follow-up reopens an order */
  reopenWorkingDays: number;
  /** city hour after which the orders due today should be cleared (日结日清) */
  clearingHour: number;
}

// ---- config/calendar.yaml

const text = z.string().trim().min(1, 'must not be empty');

/** 'YYYY-MM-DD' naming a real day. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// quoted dates stay strings; an unquoted one read as a timestamp (YAML 1.1) comes back as its date
const calendarDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"')
    .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isCalendarDate(s), 'is not a day of the calendar'),
);

const calendarYear = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : v),
  z.number().int().min(1970).max(9999),
);

export const calendarSchema = z.strictObject({
  years: z.array(
    z.strictObject({
      year: calendarYear,
      source: text.optional(),
      holidays: z.array(z.strictObject({ name: text, from: calendarDate, to: calendarDate.optional() })).default([]),
      workdays: z.array(calendarDate).default([]),
    }),
  ),
});

// ---- config/orders.yaml

const limitFields = {
  workingDays: z.number().int('must be a whole number').min(1).max(365).optional(),
  hours: z
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
};

function exactlyOneUnit(value: { workingDays?: number; hours?: number }, ctx: z.RefinementCtx): void {
  if ((value.workingDays === undefined) === (value.hours === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'give either workingDays or hours' });
  }
}

const unitOf = (value: { workingDays?: number; hours?: number }): OrderLimit =>
  value.workingDays !== undefined ? { workingDays: value.workingDays } : { hours: value.hours! };

const limit = z
  .strictObject(limitFields)
  .superRefine(exactlyOneUnit)
  .transform((v): OrderLimit => unitOf(v));

const dueLimit = z
  .strictObject({ ...limitFields, after: z.enum(['receipt', 'firstCheck']).default('receipt') })
  .superRefine(exactlyOneUnit)
  .transform((v): OrderDueLimit => ({ ...unitOf(v), after: v.after }));

const orderLimits = z.strictObject({ firstCheck: limit.nullable(), due: dueLimit });

const channelLimits = z.strictObject({
  urgent: orderLimits.optional(),
  kinds: z.record(text, orderLimits).default({}),
  other: orderLimits.optional(),
});

const channelEntries = Object.fromEntries(CHANNELS.map((c) => [c, channelLimits.optional()])) as Record<
  Channel,
  z.ZodOptional<typeof channelLimits>
>;

const levelDays = z.number().int('must be a whole number').min(0).max(30);

export const ordersSchema = z.strictObject({
  limits: z.strictObject({ ...channelEntries, default: orderLimits }),
  reminderLevels: z.strictObject({ group: levelDays, platform: levelDays, phone: levelDays }),
  reminderTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (00:00–23:59)'),
  extensionMaxWorkingDays: z.number().int('must be a whole number').min(1).max(365),
  reopenWorkingDays: z.number().int('must be a whole number').min(1).max(365),
  clearingHour: z.number().int('must be a whole number').min(0).max(23),
});

export type CalendarFile = z.infer<typeof calendarSchema>;
export type OrdersFile = z.output<typeof ordersSchema>;

// ---- config/reports.yaml

export const RANKED_RATES = ['sign', 'firstCheck', 'onTime', 'satisfaction', 'resolution'] as const;
export type RankedRate = (typeof RANKED_RATES)[number];

const shiftText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'must be "HH:MM-HH:MM" (20:00-08:00 ends the next day)');
const weight = z.number().min(0).max(1000);
const minutes = z.number().int('must be a whole number').min(1).max(7 * 24 * 60);

export const reportsSchema = z.strictObject({
  shifts: z.array(shiftText).min(1),
  officeUnit: text,
  handoverNudgeMinutes: z.number().int('must be a whole number').min(0).max(240),
  ranking: z.strictObject({
    weights: z.strictObject(Object.fromEntries(RANKED_RATES.map((r) => [r, weight.optional()])) as Record<RankedRate, z.ZodOptional<typeof weight>>),
    callInMonths: z.number().int('must be a whole number').min(1).max(12),
    callInMinOrders: z.number().int('must be a whole number').min(1).max(100000),
  }),
  weeklyListMax: z.number().int('must be a whole number').min(1).max(100000),
  infoReports: z.strictObject({ initialMinutes: minutes, updateEveryMinutes: minutes, finalMinutes: minutes }),
});
export type ReportsFile = z.output<typeof reportsSchema>;

/** The duty office's shifts as minutes of the city day, in order around the clock. */
export interface ShiftConfig {
  /** 'HH:MM-HH:MM' as written */
  text: string;
  start: number;
  end: number;
}

export interface ReportsConfig {
  shifts: ShiftConfig[];
  officeUnit: string;
  handoverNudgeMinutes: number;
  ranking: { weights: Partial<Record<RankedRate, number>>; callInMonths: number; callInMinOrders: number };
  weeklyListMax: number;
  infoReports: { initialMinutes: number; updateEveryMinutes: number; finalMinutes: number };
}
