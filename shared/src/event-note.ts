/** 已阅 or 批示: what a leader leaves on an event (issue 4). */
export const EVENT_NOTE_KINDS = ['read', 'instruction'] as const;
export type EventNoteKind = (typeof EVENT_NOTE_KINDS)[number];

export interface EventNote {
  id: string;
  eventId: string;
  kind: EventNoteKind;
  /** the username of who left it */
  actor: string;
  /** their display name, for the screens */
  actorName: string;
  /** the instruction's words; null for a read mark */
  text: string | null;
  createdAt: string;
}

/** The `event:note` push: the note and the event it is about. */
export interface EventNoteNotice {
  note: EventNote;
  eventTitle: string;
}

export const INSTRUCTION_MAX_CHARS = 1000;
