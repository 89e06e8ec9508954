import { Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ERROR_CODES } from '@jointduty/shared';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppException, ERROR_STATUS } from './app.exception';

// What the filter answered: status, headers and body, through a stand-in for Fastify's reply.
function answer(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const got = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    header(k: string, v: string) {
      got.headers[k] = v;
      return reply;
    },
    status(s: number) {
      got.status = s;
      return reply;
    },
    send(b: unknown) {
      got.body = b;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return got;
}

describe('error codes', () => {
  it('gives every code an error status, and no status to a code that does not exist', () => {
    for (const code of ERROR_CODES) {
      const status = ERROR_STATUS[code];
      expect([code, Number.isInteger(status) && status >= 400 && status <= 599]).toEqual([code, true]);
    }
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('writes each code as area.reason, in lower case', () => {
    for (const code of ERROR_CODES) if (code !== 'internal') expect(code).toMatch(/^[a-z][a-z_]*\.[a-z_]+$/);
  });
});

describe('AllExceptionsFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('answers an AppException with its code’s status and { error, code }', () => {
    expect(answer(new AppException('alert.transition_invalid', 'alert is resolved: cannot become acknowledged'))).toEqual({
      status: 409,
      headers: {},
      body: { error: 'alert is resolved: cannot become acknowledged', code: 'alert.transition_invalid' },
    });
    expect(answer(new AppException('request.invalid_body', 'teamIds: Required'))).toMatchObject({
      status: 400,
      body: { error: 'teamIds: Required', code: 'request.invalid_body' },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('sends the headers an AppException carries', () => {
    const r = answer(
      new AppException('feed.backlogged', 'correlation is 9 records behind: send again later', undefined, { 'Retry-After': '2' }),
    );
    expect(r).toEqual({
      status: 429,
      headers: { 'Retry-After': '2' },
      body: { error: 'correlation is 9 records behind: send again later', code: 'feed.backlogged' },
    });
  });

  it('answers a body given in place of { error } exactly as given (the feed result of a 422)', () => {
    const body = { accepted: 0, duplicates: 0, rejected: [{ index: 0, errors: ['orderNo: required'] }] };
    expect(answer(new AppException('feed.all_rejected', 'every record was invalid', body))).toEqual({ status: 422, headers: {}, body });
  });

  it('answers an unknown error 500 { error: "internal error", code: "internal" } and logs it, leaking nothing', () => {
    const r = answer(new Error('SQLITE_CORRUPT: database disk image is malformed at /var/lib/jointduty/db'));
    expect(r).toEqual({ status: 500, headers: {}, body: { error: 'internal error', code: 'internal' } });
    expect(logged).toHaveBeenCalledTimes(1);
    expect(answer('a thrown string')).toEqual({ status: 500, headers: {}, body: { error: 'internal error', code: 'internal' } });
  });

  it('gives the errors of Fastify and Nest a code by their status, keeping the status', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(answer(tooLarge)).toEqual({ status: 413, headers: {}, body: { error: 'Request body is too large', code: 'request.too_large' } });
    const badJson = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
    expect(answer(badJson).body).toEqual({ error: 'Body is not valid JSON', code: 'request.malformed' });
    const media = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415 });
    expect(answer(media)).toMatchObject({ status: 415, body: { code: 'request.unsupported_media_type' } });
    expect(answer(new NotFoundException('Cannot DELETE /api/nowhere'))).toEqual({
      status: 404,
      headers: {},
      body: { error: 'Cannot DELETE /api/nowhere', code: 'request.no_route' },
    });
    const teapot = Object.assign(new Error('I am a teapot'), { statusCode: 418 });
    expect(answer(teapot)).toEqual({ status: 418, headers: {}, body: { error: 'I am a teapot', code: 'request.malformed' } });
    expect(logged).not.toHaveBeenCalled();
  });
});
