import type { ErrorCode } from '@jointduty/shared';

// The HTTP status of every error code (the list is in @jointduty/shared): one table, and a code
// added there without its status here does not compile.
export const ERROR_STATUS = {
  internal: 500,

  'request.invalid_body': 400,
  'request.invalid_query': 400,
  'request.malformed': 400,
  'request.unsupported_media_type': 415,
  'request.too_large': 413,
  'request.no_route': 404,

  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.forbidden': 403,

  'metrics.host_not_allowed': 403,

  'feed.unknown_channel': 404,
  'feed.key_missing': 401,
  'feed.key_invalid': 401,
  'feed.empty_batch': 400,
  'feed.not_records': 400,
  'feed.too_many_records': 413,
  'feed.all_rejected': 422,
  'feed.backlogged': 429,
  'feed.queue_full': 503,
  'feed.shutting_down': 503,
  'feed.store_unavailable': 503,

  'alert.not_found': 404,
  'alert.transition_invalid': 409,

  'silence.not_found': 404,

  'dispatch.not_found': 404,
  'dispatch.unknown_step': 404,
  'dispatch.unknown_team': 400,
  'dispatch.changed_meanwhile': 409,
  'dispatch.alert_resolved': 409,
  'dispatch.step_skipped': 409,
  'dispatch.note_required': 400,
  'dispatch.time_in_future': 400,
  'dispatch.time_too_old': 400,
  'dispatch.time_before_previous': 400,

  'event.not_found': 404,
  'event.note_empty': 400,
  'event.note_too_long': 400,
  'event.note_bad_characters': 400,
  'event.move_same_event': 409,
  'event.move_already_alone': 409,
  'event.too_large_to_rebuild': 409,

  'incident.not_found': 404,
  'incident.unknown_category': 400,
  'incident.unknown_department': 400,

  'quarantine.not_found': 404,

  'profile.unknown': 400,

  'order.not_found': 404,
  'order.unknown_action': 404,
  'order.unknown_department': 400,
  'order.step_out_of_order': 409,
  'order.extension_pending': 409,
  'order.no_extension_request': 409,
  'order.followup_required': 409,
  'order.exists': 409,
  'order.changed_meanwhile': 409,
  'report.invalid_period': 400,
  'report.range_too_long': 400,
  'report.unknown_format': 400,
  'report.not_found': 404,
  'info_report.not_found': 404,
  'info_report.step_out_of_order': 409,
  'info_report.text_empty': 400,
  'info_report.text_too_long': 400,
  'handover.not_found': 404,
  'handover.already_handed': 409,
  'handover.cannot_accept': 409,
  'handover.notes_too_long': 400,
  'event.note_not_found': 404,
} as const satisfies Record<ErrorCode, number>;

/** An error the API answers on purpose: its code decides the status, its message is the English text. */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    // a body to answer instead of { error, code }, e.g. the feed result for a 422
    readonly body?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
