import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { INSTRUCTION_MAX_CHARS, type EventNote, type EventNoteKind, type SessionUser } from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { EventsRepository } from './events.repository';

// Control characters other than line breaks and tabs have no place in an instruction.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// What leaders leave on an event: 已阅 (read, once per leader) and 批示 (an instruction). Both stay
// in the event's history, are audited, and go out live: to the duty room and the leaders, and an
// instruction also to the field teams dispatched to the event's alerts.
@Injectable()
export class EventNotesService {
  private readonly names: Map<string, string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly events: EventsRepository,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
  ) {
    this.names = new Map(config.accounts.map((a) => [a.username, a.displayName]));
  }

  list(eventId: string): Promise<EventNote[]> {
    return this.events.notes(eventId);
  }

  async markRead(eventId: string, user: SessionUser): Promise<EventNote> {
    const title = await this.titleOrThrow(eventId);
    const already = (await this.events.notes(eventId)).find((n) => n.kind === 'read' && n.actor === user.username);
    if (already) return already;
    return this.add(eventId, title, user, 'read', null);
  }

  async instruct(eventId: string, user: SessionUser, body: unknown): Promise<EventNote> {
    const raw = (body as { text?: unknown } | null)?.text;
    if (typeof raw !== 'string') throw new AppException('event.note_empty', 'text: required, the instruction in words');
    const text = raw.trim();
    if (text.length === 0) throw new AppException('event.note_empty', 'text: must not be empty');
    if ([...text].length > INSTRUCTION_MAX_CHARS)
      throw new AppException('event.note_too_long', `text: at most ${INSTRUCTION_MAX_CHARS} characters`);
    if (CONTROL.test(text) || /[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
      throw new AppException('event.note_bad_characters', 'text: contains control characters or broken characters');
    }
    const title = await this.titleOrThrow(eventId);
    return this.add(eventId, title, user, 'instruction', text);
  }

  /**
   * Marks a leader's instruction carried out (已落实), for the handover: once; marking again answers
   * the note as it is. Audited, and pushed like the note itself.
   */
  async markDone(eventId: string, noteId: string, user: SessionUser): Promise<EventNote> {
    const title = await this.titleOrThrow(eventId);
    const note = await this.events.note(eventId, noteId);
    if (!note || note.kind !== 'instruction')
      throw new AppException('event.note_not_found', `noteId: no instruction ${noteId.slice(0, 64)} on event ${eventId.slice(0, 64)}`);
    if (!(await this.events.markDone(noteId, Date.now(), user.username))) return note;
    const done = (await this.events.note(eventId, noteId))!;
    await this.audit.record(user.username, 'event.instruction_done', 'event', eventId, {
      before: { noteId, doneAt: null },
      after: { noteId, doneAt: done.doneAt, doneBy: done.doneBy },
    });
    const teamIds = await this.events.dispatchedTeams(eventId);
    this.bus.publish('event.noted', { notice: { note: done, eventTitle: title }, teamIds });
    return done;
  }

  private async add(eventId: string, eventTitle: string, user: SessionUser, kind: EventNoteKind, text: string | null): Promise<EventNote> {
    const note: EventNote = {
      id: randomUUID(),
      eventId,
      kind,
      actor: user.username,
      actorName: this.names.get(user.username) ?? user.username,
      text,
      createdAt: new Date().toISOString(),
    };
    await this.events.addNote(note);
    // a note adds to the event's history: nothing was there before it
    await this.audit.record(user.username, kind === 'read' ? 'event.read' : 'event.instruct', 'event', eventId, {
      before: null,
      after: { noteId: note.id, kind, text },
    });
    const teamIds = kind === 'instruction' ? await this.events.dispatchedTeams(eventId) : [];
    this.bus.publish('event.noted', { notice: { note, eventTitle }, teamIds });
    return note;
  }

  private async titleOrThrow(eventId: string): Promise<string> {
    const e = await this.events.get(eventId);
    if (!e) throw new AppException('event.not_found', `event ${eventId.slice(0, 64)} not found`);
    return e.title;
  }
}
