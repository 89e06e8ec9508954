import { ref } from 'vue';
import { errorMessage } from './errors';

/**
 * What a form does around its action: `busy` while it runs (a second submit meanwhile is ignored),
 * and `error`, the failure's text through `describe` (as it is unless given), cleared as the next
 * submit starts.
 */
export function useSubmit(describe: (message: string) => string = (message) => message) {
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function run(action: () => Promise<unknown>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (err) {
      error.value = describe(errorMessage(err));
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
