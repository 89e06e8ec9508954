import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue';

export type AgoKey = 'justNow' | 'minutes' | 'hours' | 'days';

/** How long ago, in the unit an officer reads at a glance. */
export function timeAgo(fromIso: string, now: number): { key: AgoKey; n: number } {
  const t = Date.parse(fromIso);
  const ms = Number.isNaN(t) ? 0 : Math.max(0, now - t);
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { key: 'justNow', n: 0 };
  if (minutes < 60) return { key: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { key: 'hours', n: hours };
  return { key: 'days', n: Math.floor(hours / 24) };
}

/** A clock for "12 分钟前": ticks every `everyMs` while the calling scope lives. */
export function useNow(everyMs = 30_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), everyMs);
  if (getCurrentScope()) onScopeDispose(() => clearInterval(timer));
  return now;
}
