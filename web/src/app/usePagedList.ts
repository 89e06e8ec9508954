import { ref, shallowRef } from 'vue';
import { errorMessage } from './errors';

export interface PagedListOptions<T, F> {
  /** the rows one page asks for: a full page means older ones may exist */
  page: number;
  /** the most rows the list holds with its older pages */
  cap: number;
  /** one page with these filters, newest first; `before` is the cursor of the last row held */
  fetch: (filters: F, before?: string) => Promise<T[]>;
  cursor: (last: T) => string;
  /** a first page is shown, read with these filters */
  shown?: (filters: F) => void;
}

/**
 * A list read from the API newest first, in pages: `reload` reads the first page with the given
 * filters (the latest call wins when answers arrive out of order); `loadOlder` adds the next page
 * with the filters of the list shown, dropped if a reload came in between. Bounded by `cap`.
 */
export function usePagedList<T extends { id: string }, F>(options: PagedListOptions<T, F>) {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const loadingOlder = ref(false);
  const hasMore = ref(false);
  const error = ref<string | null>(null);
  // the filters of the list shown: older pages keep to them
  let applied: F | undefined;
  let request = 0;

  async function reload(filters: F): Promise<void> {
    const mine = ++request;
    loading.value = true;
    try {
      const list = await options.fetch(filters);
      if (mine !== request) return;
      const rows = Array.isArray(list) ? list.slice(0, options.page) : [];
      applied = filters;
      items.value = rows;
      options.shown?.(filters);
      hasMore.value = rows.length === options.page;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  async function loadOlder(): Promise<void> {
    const last = items.value[items.value.length - 1];
    if (loadingOlder.value || loading.value || !hasMore.value || !last || applied === undefined) return;
    const mine = request;
    loadingOlder.value = true;
    try {
      const list = await options.fetch(applied, options.cursor(last));
      // a reload in between: this page belongs to other filters
      if (mine !== request) return;
      const rows = Array.isArray(list) ? list : [];
      const known = new Set(items.value.map((x) => x.id));
      const next = items.value.concat(rows.filter((x) => !known.has(x.id)));
      if (next.length > options.cap) next.length = options.cap;
      items.value = next;
      hasMore.value = rows.length === options.page && next.length < options.cap;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      loadingOlder.value = false;
    }
  }

  return { items, loading, loadingOlder, hasMore, error, reload, loadOlder };
}
