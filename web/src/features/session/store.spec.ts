import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { api, ApiError } from '../../app/http';
import { jsonResponse } from '../../test/fixtures';
import { SESSION_KEY, useSessionStore } from './store';

describe('session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.unstubAllGlobals();
  });

  it('login stores the token and user, and later calls send it', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, { token: 'tok-1', user: { username: 'duty', role: 'duty' } }))
      .mockResolvedValueOnce(jsonResponse(200, []));
    vi.stubGlobal('fetch', fetchMock);
    const session = useSessionStore();

    await session.login('duty', 'jointduty');
    expect(session.signedIn).toBe(true);
    expect(session.homePath).toBe('/wall');
    expect(JSON.parse(localStorage.getItem(SESSION_KEY)!)).toEqual({
      token: 'tok-1',
      user: { username: 'duty', role: 'duty' },
    });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(JSON.parse(init.body as string)).toEqual({ username: 'duty', password: 'jointduty' });

    await api('/alerts');
    const headers = (fetchMock.mock.calls[1] as [string, RequestInit])[1].headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer tok-1');
  });

  it('wrong credentials: a 401 error, still signed out', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(401, { error: 'invalid credentials' })));
    const session = useSessionStore();
    await expect(session.login('duty', 'nope')).rejects.toMatchObject({ status: 401 });
    expect(session.signedIn).toBe(false);
    expect(session.lastSignOut).toBeNull();
  });

  it('a 401 from any API call signs out', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 'old', user: { username: 'leader', role: 'leader' } }));
    const session = useSessionStore();
    expect(session.signedIn).toBe(true);
    expect(session.homePath).toBe('/leader');

    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(401, { error: 'token expired' })));
    await expect(api('/alerts')).rejects.toBeInstanceOf(ApiError);
    expect(session.signedIn).toBe(false);
    expect(session.lastSignOut).toBe('expired');
    expect(localStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('a 403 does not sign out', async () => {
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username: 'field-shinan', role: 'field', teamId: 'shinan-1' } }));
    const session = useSessionStore();
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(403, { error: 'forbidden' })));
    await expect(api('/alerts')).rejects.toMatchObject({ status: 403 });
    expect(session.signedIn).toBe(true);
  });

  it('ignores a corrupt stored session', () => {
    localStorage.setItem(SESSION_KEY, '{not json');
    expect(useSessionStore().signedIn).toBe(false);
  });
});
