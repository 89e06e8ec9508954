import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { LoginResponse, Role, SessionUser } from '@jointduty/shared';
import { api, setAuthHooks } from '../../app/http';

export const SESSION_KEY = 'jointduty.session';

// Where each role lands after sign-in or on `/`.
export const HOME_BY_ROLE: Record<Role, string> = {
  admin: '/wall',
  duty: '/wall',
  leader: '/leader',
  field: '/field',
  department: '/orders',
};

export type SignOutReason = 'user' | 'expired';

/** Told before the session is cleared: who is signing out and why (the field phone drops its queue on 'user'). */
export type SignOutHook = (info: { username: string | null; reason: SignOutReason }) => void;

function readStored(): LoginResponse | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LoginResponse>;
    if (typeof parsed.token !== 'string' || !parsed.user || typeof parsed.user.role !== 'string') return null;
    return parsed as LoginResponse;
  } catch {
    return null;
  }
}

export const useSessionStore = defineStore('session', () => {
  const stored = readStored();
  const token = ref<string | null>(stored?.token ?? null);
  const user = ref<SessionUser | null>(stored?.user ?? null);
  // why the last sign-out happened; the login page explains an expired session
  const lastSignOut = ref<SignOutReason | null>(null);

  const signedIn = computed(() => token.value !== null && user.value !== null);
  const role = computed<Role | null>(() => user.value?.role ?? null);
  const homePath = computed(() => (user.value ? (HOME_BY_ROLE[user.value.role] ?? '/login') : '/login'));

  async function login(username: string, password: string): Promise<SessionUser> {
    const res = await api<LoginResponse>('/auth/login', {
      method: 'POST',
      body: { username, password },
      skipAuth: true,
    });
    token.value = res.token;
    user.value = res.user;
    lastSignOut.value = null;
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: res.token, user: res.user }));
    return res.user;
  }

  const signOutHooks = new Set<SignOutHook>();

  /** Runs `hook` on every sign-out from now on; returns the way to stop. */
  function onSignOut(hook: SignOutHook): () => void {
    signOutHooks.add(hook);
    return () => signOutHooks.delete(hook);
  }

  function signOut(reason: SignOutReason = 'user'): void {
    if (token.value === null && user.value === null) return;
    const username = user.value?.username ?? null;
    for (const hook of [...signOutHooks]) {
      try {
        hook({ username, reason });
      } catch (err) {
        // a hook's trouble must not keep anyone signed in
        console.error(err);
      }
    }
    token.value = null;
    user.value = null;
    lastSignOut.value = reason;
    localStorage.removeItem(SESSION_KEY);
  }

  setAuthHooks({ token: () => token.value, onUnauthorized: () => signOut('expired') });

  return { token, user, lastSignOut, signedIn, role, homePath, login, signOut, onSignOut };
});
