import type { AlertHistoryEntry, EventIncident, EventNote, WatchedEvent, WatchedEventAlert } from '@jointduty/shared';

// Fixtures for the leader feature's specs.
let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 6, 20, 12, minute)).toISOString();

export function watchedAlert(over: Partial<WatchedEventAlert> = {}): WatchedEventAlert {
  n++;
  return {
    id: `wa${n}`,
    seq: n,
    rule: 'police-mass-incident',
    severity: 'major',
    status: 'open',
    title: `预警 ${n}`,
    createdAt: at(0),
    updatedAt: at(0),
    escalatedAt: null,
    ...over,
  };
}

export function watchedEvent(over: Partial<WatchedEvent> = {}): WatchedEvent {
  n++;
  return {
    id: `we${n}`,
    title: `事件 ${n}`,
    severity: 'major',
    district: '市南区',
    category: null,
    channels: ['110'],
    incidentCount: 1,
    firstAt: at(0),
    lastAt: at(0),
    activityAt: at(0),
    sensitive: false,
    alerts: [],
    read: false,
    latestInstruction: null,
    ...over,
  };
}

export function note(over: Partial<EventNote> = {}): EventNote {
  n++;
  return {
    id: `n${n}`,
    eventId: 'e',
    kind: 'instruction',
    actor: 'leader',
    actorName: '值班领导',
    text: '立即处置',
    createdAt: at(30),
    ...over,
  };
}

export function historyEntry(over: Partial<AlertHistoryEntry> = {}): AlertHistoryEntry {
  n++;
  return { id: n, alertId: 'a', kind: 'raised', at: at(0), actor: null, actorName: null, ...over };
}

export function timelineIncident(over: Partial<EventIncident> = {}): EventIncident {
  n++;
  return {
    id: `ti${n}`,
    channel: '12345',
    externalId: `X${n}`,
    occurredAt: at(n % 60),
    receivedAt: at(n % 60),
    kind: '投诉',
    title: `来件 ${n}`,
    district: '市南区',
    category: null,
    department: null,
    eventId: 'e',
    flags: [],
    reporter: null,
    joinReason: null,
    subject: null,
    place: null,
    ...over,
  };
}

export { at as minuteAt };
