import { z } from 'zod';
import { DISPATCH_NOTE_MAX } from './alert';
import { isoTime, text } from './feeds/primitives';

// The field phone's step body, validated by the server with this schema. Kept out of
// ./alert so the web, which takes that file's types and constants, bundles no zod.

/**
 * `POST /api/dispatches/{id}/{step}`: `at` is when the officer pressed the button (default: now);
 * the server checks it against its clock and the dispatch's earlier steps.
 */
export const dispatchStepBodySchema = z.object({
  note: text(0, DISPATCH_NOTE_MAX).optional(),
  at: isoTime.optional(),
});
export type DispatchStepBody = z.output<typeof dispatchStepBodySchema>;
