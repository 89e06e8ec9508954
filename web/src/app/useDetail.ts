import { ref, shallowRef } from 'vue';
import { errorMessage } from './errors';

/**
 * One item opened by id and read from the API: opening another drops the first, and an answer
 * that comes after a newer open, reload or close is thrown away (the latest request wins).
 */
export function useDetail<T>(read: (id: string) => Promise<T>) {
  const id = ref<string | null>(null);
  const detail = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let request = 0;

  async function load(): Promise<void> {
    const target = id.value;
    if (target === null) return;
    const mine = ++request;
    loading.value = true;
    try {
      const answer = await read(target);
      if (mine !== request) return;
      detail.value = answer;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  function open(next: string): void {
    if (id.value === next && detail.value) return;
    id.value = next;
    detail.value = null;
    error.value = null;
    void load();
  }

  function close(): void {
    request++;
    id.value = null;
    detail.value = null;
    error.value = null;
    loading.value = false;
  }

  return { id, detail, loading, error, load, open, close };
}
