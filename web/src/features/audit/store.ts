import { ref } from 'vue';
import { defineStore } from 'pinia';
import { auditCursor, type AuditEntry } from '@jointduty/shared';
import { api } from '../../app/http';
import { usePagedList } from '../../app/usePagedList';

export const AUDIT_PAGE = 100;
export const AUDIT_CAP = 2000;

/** The audit page's filters; `since`/`until` are ISO times. Empty means any. */
export interface AuditFilters {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  since: string;
  until: string;
}

export function emptyAuditFilters(): AuditFilters {
  return { actor: '', action: '', targetType: '', targetId: '', since: '', until: '' };
}

function queryOf(f: AuditFilters, before?: string) {
  const trim = (s: string) => s.trim() || undefined;
  return {
    actor: trim(f.actor),
    action: trim(f.action),
    targetType: trim(f.targetType),
    targetId: trim(f.targetId),
    since: trim(f.since),
    until: trim(f.until),
    limit: AUDIT_PAGE,
    before,
  };
}

// The audit log for admins (GET /api/audit): newest first, filtered, older pages on demand.
export const useAuditStore = defineStore('audit', () => {
  const filters = ref<AuditFilters>(emptyAuditFilters());
  const { items, loading, loadingOlder, hasMore, error, reload, loadOlder } = usePagedList({
    page: AUDIT_PAGE,
    cap: AUDIT_CAP,
    fetch: (f: AuditFilters, before?: string) => api<AuditEntry[]>('/audit', { query: queryOf(f, before) }),
    cursor: auditCursor,
  });

  const load = () => reload({ ...filters.value });

  function setFilters(patch: Partial<AuditFilters>): void {
    filters.value = { ...filters.value, ...patch };
  }

  function resetFilters(): Promise<void> {
    filters.value = emptyAuditFilters();
    return load();
  }

  return { filters, items, loading, loadingOlder, hasMore, error, load, loadOlder, setFilters, resetFilters };
});
