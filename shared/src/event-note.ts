import type { AlertStatus, Severity } from './alert';
import type { Channel } from './channels';

/** 已阅 or 批示: what a leader leaves on an event. */
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
  /** an instruction marked carried out (已落实): when, and by whom (username); null while it is not */
  doneAt?: string | null;
  doneBy?: string | null;
}

/** The `event:note` push: the note and the event it is about. */
export interface EventNoteNotice {
  note: EventNote;
  eventTitle: string;
}

// a 批示 is a few sentences; the leader screen counts down from here
export const INSTRUCTION_MAX_CHARS = 500;

/** The alerts of a watched event, as the leader list shows them. */
export interface WatchedEventAlert {
  id: string;
  seq: number;
  rule: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  createdAt: string;
  updatedAt: string;
  /** when it went to the leaders for waiting unacknowledged too long; null if it never did */
  escalatedAt: string | null;
}

/** One event on the leader's list (`GET /api/events?scope=leader`): sensitive, or carrying a major alert. */
export interface WatchedEvent {
  id: string;
  title: string;
  /** the highest severity of its alerts; null when it has none (a sensitive event whose alert was silenced) */
  severity: Severity | null;
  district: string | null;
  category: string | null;
  channels: Channel[];
  incidentCount: number;
  firstAt: string;
  lastAt: string;
  /** its newest incident, alert change or leader's note: the list's order */
  activityAt: string;
  /** an incident of it touches a sensitive topic */
  sensitive: boolean;
  alerts: WatchedEventAlert[];
  /** whether the requesting user has marked it 已阅 */
  read: boolean;
  latestInstruction: EventNote | null;
}

export const EVENT_LIST_SCOPES = ['leader'] as const;
export const EVENT_LIST_MAX = 200;
