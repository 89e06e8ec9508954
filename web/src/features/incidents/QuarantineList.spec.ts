import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { QuarantinedRecord } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { jsonResponse } from '../../test/fixtures';
import QuarantineList from './QuarantineList.vue';

const record = (over: Partial<QuarantinedRecord> = {}): QuarantinedRecord => ({
  incidentId: 'i-1',
  channel: '12345',
  externalId: 'GD-20260720-001',
  title: '登州路占道经营 <script>alert(1)</script>',
  district: '市北区',
  receivedAt: '2026-07-20T12:00:00Z',
  reason: 'the segmenter chokes on this text',
  attempts: 3,
  quarantinedAt: '2026-07-20T12:00:05Z',
  ...over,
});
const global = () => ({ plugins: [createAppI18n('zh-CN')] });

beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('QuarantineList', () => {
  it('shows nothing while no incident is set aside', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, [])));
    const w = mount(QuarantineList, { global: global() });
    await flushPromises();
    expect(w.find('section').exists()).toBe(false);
    w.unmount();
  });

  it('lists what was set aside, as text, and sends one back', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, [record(), record({ incidentId: 'i-2', externalId: 'GD-2' })]))
      .mockResolvedValueOnce(jsonResponse(200, { released: 'i-1' }));
    vi.stubGlobal('fetch', fetchMock);
    const w = mount(QuarantineList, { global: global() });
    await flushPromises();
    expect(String(fetchMock.mock.calls[0]![0])).toContain('/api/pipeline/quarantine');
    expect(w.findAll('li')).toHaveLength(2);
    expect(w.find('h2').text()).toContain('2');
    // a script in a title is shown as text, never run
    expect(w.find('.title').text()).toContain('<script>');
    expect(w.find('script').exists()).toBe(false);
    expect(w.find('.reason').text()).toBe('the segmenter chokes on this text');
    await w.find('li button').trigger('click');
    await flushPromises();
    const [url, init] = fetchMock.mock.calls[1]! as [string, RequestInit];
    expect(url).toContain('/api/pipeline/quarantine/i-1/release');
    expect(init.method).toBe('POST');
    expect(w.findAll('li')).toHaveLength(1);
    expect(w.find('.external').text()).toBe('GD-2');
    w.unmount();
  });

  it('keeps the record and says why when sending back fails, and reads the list again every minute', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, [record()]))
      .mockResolvedValueOnce(jsonResponse(503, { error: 'database unavailable' }))
      .mockResolvedValueOnce(jsonResponse(200, []));
    vi.stubGlobal('fetch', fetchMock);
    const w = mount(QuarantineList, { global: global() });
    await flushPromises();
    await w.find('li button').trigger('click');
    await flushPromises();
    expect(w.findAll('li')).toHaveLength(1);
    expect(w.find('[role="alert"]').text()).toContain('未能放回：服务暂不可用，请稍后重试');
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(w.find('section').exists()).toBe(false);
    w.unmount();
  });
});
