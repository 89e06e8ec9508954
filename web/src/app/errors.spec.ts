import { afterEach, describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '@jointduty/shared';
import { errorMessage, fieldsOf } from './errors';
import { api, ApiError } from './http';
import { createAppI18n } from './i18n';

const HAN = /[\u4e00-\u9fff]/;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('error texts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    createAppI18n('zh-CN');
  });

  it('has a Chinese and an English text for every error code', () => {
    const { te, t } = createAppI18n('zh-CN').global;
    for (const code of ERROR_CODES) {
      for (const locale of ['zh-CN', 'en'] as const) expect(te(`errors.code.${code}`, locale), `${locale} ${code}`).toBe(true);
      expect(t(`errors.code.${code}`, { fields: 'x' }), code).toMatch(HAN);
      expect(t(`errors.code.${code}`, { fields: 'x' }, { locale: 'en' }), code).toMatch(/^[A-Z][^\u4e00-\u9fff]+$/);
    }
  });

  it('shows a coded refusal in Chinese, and in English under en', () => {
    createAppI18n('zh-CN');
    const refused = new ApiError(409, 'alert is resolved: cannot become acknowledged', 'alert.transition_invalid');
    expect(errorMessage(refused)).toBe('预警状态已变化，无法执行此操作，请刷新后重试');
    createAppI18n('en');
    expect(errorMessage(refused)).toBe('The alert has changed and cannot do this now; refresh and try again');
  });

  it('follows the language switch', () => {
    const i18n = createAppI18n('zh-CN');
    const missing = new ApiError(404, 'alert 42 not found', 'alert.not_found');
    expect(errorMessage(missing)).toBe('预警不存在');
    i18n.global.locale.value = 'en';
    expect(errorMessage(missing)).toBe('Alert not found');
  });

  it('names the fields of a validation error inside the Chinese text, never the English sentence', () => {
    const invalid = new ApiError(
      400,
      'teamIds: Too small: expected array to have >=1 items; note: Too big; teamIds: again',
      'request.invalid_body',
    );
    expect(errorMessage(invalid)).toBe('提交的内容有误：teamIds、note');
    expect(errorMessage(new ApiError(400, 'until: must be later than since', 'request.invalid_query'))).toBe('查询条件有误：until');
    createAppI18n('en');
    expect(errorMessage(invalid)).toBe('Check what was entered: teamIds, note');
    expect(fieldsOf('items.0.name: Required; body: not JSON (Unexpected token)')).toEqual(['items.0.name', 'body']);
    expect(fieldsOf('every record was invalid')).toEqual([]);
  });

  it('falls back to the HTTP status, then to a network text, never to the server’s English', () => {
    expect(errorMessage(new ApiError(503, 'database unavailable: connect ECONNREFUSED'))).toBe('服务暂不可用，请稍后重试');
    expect(errorMessage(new ApiError(418, 'I am a teapot'))).toBe('请求失败（HTTP 418）');
    // a validation code whose text names no field reads as its status
    expect(errorMessage(new ApiError(400, 'something odd', 'request.invalid_body'))).toBe('请求有误');
    expect(errorMessage(new ApiError(0, 'Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
    expect(errorMessage(undefined)).toBe('出现意外错误，请重试');
    createAppI18n('en');
    expect(errorMessage(new ApiError(503, 'database unavailable'))).toBe('The service is unavailable, please try again later');
    expect(errorMessage(new ApiError(0, 'Failed to fetch'))).toBe('Cannot reach the server; check the network and try again');
  });

  it('has a text for every status it falls back on, in both languages', () => {
    const { te } = createAppI18n('zh-CN').global;
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504]) {
      for (const locale of ['zh-CN', 'en'] as const) expect(te(`errors.status.${status}`, locale), `${locale} ${status}`).toBe(true);
    }
  });
});

describe('api() errors', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('carries the server’s code and English text', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(404, { error: 'event e1 not found', code: 'event.not_found' })),
    );
    const err = await api('/events/e1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'event.not_found', message: 'event e1 not found' });
  });

  it('keeps no code the web does not know, and no body at all', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(409, { error: 'later', code: 'alert.from_the_future' })),
    );
    await expect(api('/alerts/a1/ack', { method: 'POST' })).rejects.toMatchObject({ status: 409, code: null, message: 'later' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 })),
    );
    await expect(api('/alerts')).rejects.toMatchObject({ status: 502, code: null, message: 'HTTP 502' });
  });

  it('turns a network failure into status 0, and leaves the caller’s own abort as it is', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api('/alerts')).rejects.toMatchObject({ status: 0, code: null });
    const abort = new AbortController();
    abort.abort();
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(aborted)),
    );
    await expect(api('/alerts', { signal: abort.signal })).rejects.toBe(aborted);
  });
});
