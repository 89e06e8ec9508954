import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

// Times are epoch milliseconds in bigint columns: the same on SQLite and PostgreSQL, cheap to
// index and compare. PostgreSQL returns bigint as a string, so readers convert with Number().

@Entity('incidents')
@Index('uq_incidents_channel_external', ['channel', 'externalId'], { unique: true })
export class IncidentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 16 }) channel: string;
  @Column({ name: 'external_id', type: 'varchar', length: 128 }) externalId: string;
  @Column({ name: 'occurred_at', type: 'bigint' }) occurredAt: number;
  @Column({ name: 'received_at', type: 'bigint' }) receivedAt: number;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) content: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) address: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) district: string | null;
  @Column({ type: 'double precision', nullable: true }) lng: number | null;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) category: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) department: string | null;
  @Column({ name: 'event_id', type: 'varchar', length: 36, nullable: true }) eventId: string | null;
  @Column({ type: 'varchar', length: 200, default: '' }) flags: string;
  @Column({ name: 'reporter_name', type: 'varchar', length: 64, nullable: true }) reporterName: string | null;
  @Column({ name: 'reporter_phone', type: 'varchar', length: 32, nullable: true }) reporterPhone: string | null;
  @Column({ name: 'merchant_name', type: 'varchar', length: 200, nullable: true }) merchantName: string | null;
  @Column({ name: 'merchant_uscc', type: 'varchar', length: 18, nullable: true }) merchantUscc: string | null;
  @Column({ name: 'merchant_address', type: 'varchar', length: 500, nullable: true }) merchantAddress: string | null;
  @Column({ name: 'due_at', type: 'bigint', nullable: true }) dueAt: number | null;
  @Column({ type: 'text' }) facts: string;
  @Column({ type: 'boolean', default: false }) simulated: boolean;
  // the record exactly as the feed sent it (text, not jsonb: half the insert cost on PostgreSQL)
  @Column({ type: 'text' }) raw: string;
  @Column({ name: 'person_key', type: 'varchar', length: 32, nullable: true }) personKey: string | null;
  @Column({ name: 'subject_key', type: 'varchar', length: 240, nullable: true }) subjectKey: string | null;
  @Column({ name: 'join_reason', type: 'varchar', length: 300, nullable: true }) joinReason: string | null;
  @Column({ name: 'overdue_at', type: 'bigint', nullable: true }) overdueAt: number | null;
}

@Entity('events')
export class EventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) district: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) category: string | null;
  @Column({ type: 'varchar', length: 100, default: '' }) channels: string;
  @Column({ name: 'incident_count', type: 'integer', default: 0 }) incidentCount: number;
  @Column({ name: 'first_at', type: 'bigint' }) firstAt: number;
  @Column({ name: 'last_at', type: 'bigint' }) lastAt: number;
  @Column({ type: 'text', default: '[]' }) reasons: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) subject: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) place: string | null;
  @Column({ type: 'text', default: '{}' }) state: string;
  @Column({ name: 'created_at', type: 'bigint' }) createdAt: number;
  @Column({ name: 'updated_at', type: 'bigint' }) updatedAt: number;
}

@Entity('alerts')
@Index('uq_alerts_event_rule', ['eventId', 'rule'], { unique: true })
export class AlertEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_alerts_seq') @Column({ type: 'bigint' }) seq: number;
  @Column({ name: 'event_id', type: 'varchar', length: 36 }) eventId: string;
  @Column({ type: 'varchar', length: 64 }) rule: string;
  @Column({ type: 'varchar', length: 16 }) severity: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'varchar', length: 100 }) channels: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) district: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) category: string | null;
  @Column({ name: 'incident_count', type: 'integer' }) incidentCount: number;
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ type: 'boolean', default: false }) simulated: boolean;
  @Column({ name: 'created_at', type: 'bigint' }) createdAt: number;
  @Column({ name: 'updated_at', type: 'bigint' }) updatedAt: number;
  @Column({ name: 'acknowledged_at', type: 'bigint', nullable: true }) acknowledgedAt: number | null;
  @Column({ name: 'resolved_at', type: 'bigint', nullable: true }) resolvedAt: number | null;
  @Column({ name: 'resolution_note', type: 'text', nullable: true }) resolutionNote: string | null;
}

// Every alert change, in seq order: what `resume` replays and the alert's history.
@Entity('alert_changes')
export class AlertChangeEntity {
  @PrimaryColumn({ type: 'bigint' }) seq: number;
  @Index('ix_alert_changes_alert') @Column({ name: 'alert_id', type: 'varchar', length: 36 }) alertId: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) actor: string | null;
  @Column({ type: 'text' }) payload: string;
  @Column({ name: 'created_at', type: 'bigint' }) createdAt: number;
}

@Entity('counters')
export class CounterEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 }) name: string;
  @Column({ type: 'bigint' }) value: number;
}

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('uq_users_username', { unique: true }) @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ name: 'password_hash', type: 'varchar', length: 100 }) passwordHash: string;
  @Column({ type: 'varchar', length: 16 }) role: string;
  @Column({ name: 'team_id', type: 'varchar', length: 64, nullable: true }) teamId: string | null;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName: string;
  @Column({ name: 'created_at', type: 'bigint' }) createdAt: number;
}

@Entity('dispatches')
export class DispatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_dispatches_alert') @Column({ name: 'alert_id', type: 'varchar', length: 36 }) alertId: string;
  @Index('ix_dispatches_team') @Column({ name: 'team_id', type: 'varchar', length: 64 }) teamId: string;
  @Column({ type: 'varchar', length: 16 }) status: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'dispatched_by', type: 'varchar', length: 64 }) dispatchedBy: string;
  @Column({ name: 'created_at', type: 'bigint' }) createdAt: number;
  @Column({ name: 'acked_at', type: 'bigint', nullable: true }) ackedAt: number | null;
  @Column({ name: 'contacted_at', type: 'bigint', nullable: true }) contactedAt: number | null;
  @Column({ name: 'onsite_at', type: 'bigint', nullable: true }) onsiteAt: number | null;
  @Column({ name: 'resolved_at', type: 'bigint', nullable: true }) resolvedAt: number | null;
  @Column({ name: 'result_note', type: 'text', nullable: true }) resultNote: string | null;
}

@Entity('audit_log')
export class AuditEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_audit_at') @Column({ type: 'bigint' }) at: number;
  @Column({ type: 'varchar', length: 64 }) actor: string;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ name: 'target_type', type: 'varchar', length: 32 }) targetType: string;
  @Column({ name: 'target_id', type: 'varchar', length: 128 }) targetId: string;
  @Column({ type: 'text', nullable: true }) detail: string | null;
}

@Entity('silences')
export class SilenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'event_id', type: 'varchar', length: 36, nullable: true }) eventId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) rule: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'created_by', type: 'varchar', length: 64 }) createdBy: string;
  @Column({ name: 'starts_at', type: 'bigint' }) startsAt: number;
  @Index('ix_silences_ends') @Column({ name: 'ends_at', type: 'bigint' }) endsAt: number;
  @Column({ name: 'cancelled_at', type: 'bigint', nullable: true }) cancelledAt: number | null;
}

@Entity('settings')
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name: string;
  @Column({ type: 'text' }) value: string;
  @Column({ name: 'updated_at', type: 'bigint' }) updatedAt: number;
}

@Entity('event_notes')
export class EventNoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index('ix_event_notes_event') @Column({ name: 'event_id', type: 'varchar', length: 36 }) eventId: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 64 }) actor: string;
  @Column({ name: 'actor_name', type: 'varchar', length: 100 }) actorName: string;
  @Column({ type: 'text', nullable: true }) text: string | null;
  @Column({ name: 'created_at', type: 'bigint' }) createdAt: number;
}

export const ENTITIES = [
  EventNoteEntity,
  SilenceEntity,
  SettingEntity,
  IncidentEntity,
  EventEntity,
  AlertEntity,
  AlertChangeEntity,
  CounterEntity,
  UserEntity,
  DispatchEntity,
  AuditEntity,
];
