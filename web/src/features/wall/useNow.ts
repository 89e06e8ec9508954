import { getCurrentScope, onScopeDispose, shallowRef, type Ref } from 'vue';

// The current time, ticking on whole seconds (a wall clock should not lag its seconds).
export function useNow(intervalMs = 1000): Readonly<Ref<number>> {
  const now = shallowRef(Date.now());
  let interval: ReturnType<typeof setInterval> | null = null;
  const align = setTimeout(
    () => {
      now.value = Date.now();
      interval = setInterval(() => (now.value = Date.now()), intervalMs);
    },
    intervalMs - (Date.now() % intervalMs),
  );
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearTimeout(align);
      if (interval) clearInterval(interval);
    });
  }
  return now;
}
