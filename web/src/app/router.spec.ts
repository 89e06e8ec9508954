import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { createPinia, setActivePinia } from 'pinia';
import { SESSION_KEY, useSessionStore } from '../features/session/store';
import { createAppRouter, safeRedirect } from './router';

function signedInAs(role: string, username = role) {
  localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username, role } }));
}

async function start(path: string) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createAppRouter(pinia, createMemoryHistory());
  await router.push(path);
  return router;
}

describe('router guard', () => {
  beforeEach(() => localStorage.clear());

  it('sends a signed-out user to /login, remembering the page', async () => {
    const router = await start('/console');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/console');
  });

  it.each([
    ['admin', '/wall'],
    ['duty', '/wall'],
    ['leader', '/leader'],
    ['field', '/field'],
    ['department', '/orders'],
  ])('sends %s from / to %s', async (role, home) => {
    signedInAs(role);
    const router = await start('/');
    expect(router.currentRoute.value.path).toBe(home);
  });

  it('keeps roles out of pages not meant for them', async () => {
    signedInAs('field');
    const router = await start('/wall');
    expect(router.currentRoute.value.path).toBe('/field');
  });

  it('keeps a department user on /orders, the one page in its navigation', async () => {
    signedInAs('department', 'dept-market');
    const router = await start('/console');
    expect(router.currentRoute.value.path).toBe('/orders');
    const nav = router.getRoutes().filter((r) => r.meta.nav && r.meta.roles?.includes('department'));
    expect(nav.map((r) => r.path)).toEqual(['/orders']);
  });

  it('goes to /login after a sign-out', async () => {
    signedInAs('leader');
    const router = await start('/leader');
    useSessionStore().signOut('expired');
    await nextTick();
    await new Promise((r) => setTimeout(r, 0));
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query.redirect).toBe('/leader');
  });

  it('follows only in-app redirects', () => {
    expect(safeRedirect('/console')).toBe('/console');
    expect(safeRedirect('//evil.example')).toBeNull();
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect(['/x'])).toBeNull();
  });
});
