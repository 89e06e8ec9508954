import { ref } from 'vue';
import { errorMessage } from './errors';

/**
 * A read done once per session (a store's reference data): `load()` while a read runs joins it;
 * a failure leaves its text in `error` and the next `load()` tries again; once `done()` holds,
 * `load()` reads no more.
 */
export function useLoadOnce(read: () => Promise<void>, done: () => boolean) {
  const error = ref<string | null>(null);
  let pending: Promise<void> | null = null;

  function load(): Promise<void> {
    if (done()) return Promise.resolve();
    pending ??= read()
      .then(() => {
        error.value = null;
      })
      .catch((err: unknown) => {
        error.value = errorMessage(err);
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return { error, load };
}
