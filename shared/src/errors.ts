// The stable codes of the API's errors. Every error answer is `{ "error": "<English text>",
// "code": "<code>" }`: the text is for people reading logs and curl, the code is what programs
// (the web app among them) decide and translate on. A code is `area.reason`, the area being the
// part of the API that refuses; codes are never renamed or reused for another meaning.

/** Refusals of the request itself, before any area looks at it. */
export const REQUEST_ERRORS = [
  // a body field is missing or wrong; the text names each field (`field: why; …`)
  'request.invalid_body',
  // a query parameter is wrong; the text names it
  'request.invalid_query',
  // the body is not JSON, not UTF-8, or otherwise unreadable
  'request.malformed',
  'request.unsupported_media_type',
  'request.too_large',
  // no route answers this method and path
  'request.no_route',
] as const;

export const AUTH_ERRORS = [
  // no token, or a forged or expired one
  'auth.unauthenticated',
  'auth.invalid_credentials',
  // signed in, but the role may not do this
  'auth.forbidden',
] as const;

export const METRICS_ERRORS = ['metrics.host_not_allowed'] as const;

export const FEED_ERRORS = [
  'feed.unknown_channel',
  'feed.key_missing',
  'feed.key_invalid',
  'feed.empty_batch',
  'feed.not_records',
  'feed.too_many_records',
  // the answer is the feed result itself (`accepted`, `duplicates`, `rejected`), not `{ error }`
  'feed.all_rejected',
  'feed.backlogged',
  'feed.queue_full',
  'feed.shutting_down',
  'feed.store_unavailable',
] as const;

export const ALERT_ERRORS = ['alert.not_found', 'alert.transition_invalid'] as const;

export const SILENCE_ERRORS = ['silence.not_found'] as const;

export const DISPATCH_ERRORS = [
  'dispatch.not_found',
  'dispatch.unknown_step',
  'dispatch.unknown_team',
  'dispatch.changed_meanwhile',
  'dispatch.alert_resolved',
  'dispatch.step_skipped',
  'dispatch.note_required',
  'dispatch.time_in_future',
  'dispatch.time_too_old',
  'dispatch.time_before_previous',
] as const;

export const EVENT_ERRORS = [
  'event.not_found',
  'event.note_empty',
  'event.note_too_long',
  'event.note_bad_characters',
  'event.move_same_event',
  'event.move_already_alone',
  'event.too_large_to_rebuild',
] as const;

export const INCIDENT_ERRORS = ['incident.not_found', 'incident.unknown_category', 'incident.unknown_department'] as const;

export const QUARANTINE_ERRORS = ['quarantine.not_found'] as const;

export const PROFILE_ERRORS = ['profile.unknown'] as const;

export const ORDER_ERRORS = [
  // missing, or another unit's (answered alike: ids reveal nothing)
  'order.not_found',
  'order.unknown_action',
  'order.unknown_department',
  // a step its order's status does not allow; the text names the step and what must come first
  'order.step_out_of_order',
  // an extension is already waiting for duty's decision
  'order.extension_pending',
  // duty decides on an extension nobody asked for
  'order.no_extension_request',
  // a ledger entry is closed off only after a satisfied, resolved follow-up of its latest reply
  'order.followup_required',
  // the incident already has its order
  'order.exists',
  // another user changed the order at the same moment: it is answered as it now is
  'order.changed_meanwhile',
] as const;

export const REPORT_ERRORS = [
  // a period parameter (date, week, month, quarter, from/to) that is not one; the text names it
  'report.invalid_period',
  // a range longer than a year
  'report.range_too_long',
  'report.unknown_format',
  // a shift-end draft (snapshot) that does not exist
  'report.not_found',
] as const;

export const INFO_REPORT_ERRORS = [
  'info_report.not_found',
  // a step already submitted (initial, final) or one whose turn has not come (final before initial); the text names the step
  'info_report.step_out_of_order',
  'info_report.text_empty',
  'info_report.text_too_long',
] as const;

export const HANDOVER_ERRORS = [
  'handover.not_found',
  // this shift was already handed over
  'handover.already_handed',
  // already accepted, or by the one who handed it over
  'handover.cannot_accept',
  'handover.notes_too_long',
  'event.note_not_found',
] as const;

/** Every code the API answers; `internal` is the one for anything unforeseen (500). */
export const ERROR_CODES = [
  'internal',
  ...REQUEST_ERRORS,
  ...AUTH_ERRORS,
  ...METRICS_ERRORS,
  ...FEED_ERRORS,
  ...ALERT_ERRORS,
  ...SILENCE_ERRORS,
  ...DISPATCH_ERRORS,
  ...EVENT_ERRORS,
  ...INCIDENT_ERRORS,
  ...QUARANTINE_ERRORS,
  ...PROFILE_ERRORS,
  ...ORDER_ERRORS,
  ...REPORT_ERRORS,
  ...INFO_REPORT_ERRORS,
  ...HANDOVER_ERRORS,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The body of an error answer. */
export interface ErrorBody {
  /** English, for people; validation errors name each field (`field: why; …`). */
  error: string;
  code: ErrorCode;
}
