import { getCurrentScope, onScopeDispose, shallowRef } from 'vue';
import type { OrderReminderNotice } from '@jointduty/shared';

export interface ReminderToast {
  id: number;
  notice: OrderReminderNotice;
}

/** The 催办 toasts of /orders: the newest few, each gone after `lifetimeMs` or when dismissed. */
export function useReminderToasts(options: { lifetimeMs?: number; cap?: number } = {}) {
  const lifetimeMs = options.lifetimeMs ?? 12_000;
  const cap = options.cap ?? 4;
  const toasts = shallowRef<ReminderToast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let seq = 0;

  function forget(id: number): void {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
  }

  function dismiss(id: number): void {
    forget(id);
    toasts.value = toasts.value.filter((x) => x.id !== id);
  }

  function push(notice: OrderReminderNotice): void {
    const id = ++seq;
    const next = [...toasts.value, { id, notice }];
    for (const old of next.slice(0, Math.max(0, next.length - cap))) forget(old.id);
    toasts.value = next.slice(-cap);
    timers.set(
      id,
      setTimeout(() => dismiss(id), lifetimeMs),
    );
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    });
  }

  return { toasts, push, dismiss };
}
