import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { auditCursor, type AuditEntry } from '@jointduty/shared';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';

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
  const items = shallowRef<AuditEntry[]>([]);
  const loading = ref(false);
  const loadingOlder = ref(false);
  const hasMore = ref(false);
  const error = ref<string | null>(null);
  // the filters of the list shown: older pages keep to them
  let applied = emptyAuditFilters();
  let request = 0;

  async function load(): Promise<void> {
    const mine = ++request;
    const f = { ...filters.value };
    loading.value = true;
    try {
      const list = await api<AuditEntry[]>('/audit', { query: queryOf(f) });
      if (mine !== request) return;
      applied = f;
      items.value = Array.isArray(list) ? list : [];
      hasMore.value = items.value.length === AUDIT_PAGE;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    const last = items.value[items.value.length - 1];
    if (!last || !hasMore.value || loadingOlder.value || loading.value) return;
    const mine = request;
    loadingOlder.value = true;
    try {
      const list = await api<AuditEntry[]>('/audit', { query: queryOf(applied, auditCursor(last)) });
      if (mine !== request) return;
      const rows = Array.isArray(list) ? list : [];
      const known = new Set(items.value.map((e) => e.id));
      const next = items.value.concat(rows.filter((e) => !known.has(e.id)));
      if (next.length > AUDIT_CAP) next.length = AUDIT_CAP;
      items.value = next;
      hasMore.value = rows.length === AUDIT_PAGE && next.length < AUDIT_CAP;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      loadingOlder.value = false;
    }
  }

  function setFilters(patch: Partial<AuditFilters>): void {
    filters.value = { ...filters.value, ...patch };
  }

  function resetFilters(): Promise<void> {
    filters.value = emptyAuditFilters();
    return load();
  }

  return { filters, items, loading, loadingOlder, hasMore, error, load, loadOlder, setFilters, resetFilters };
});
