import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody, ErrorCode } from '@jointduty/shared';
import { AppException } from './app.exception';

// The code of an error raised by Fastify or Nest themselves (a body over the limit, a route that
// does not exist), by its status; such an error keeps its own status.
const FOREIGN_CODE: Partial<Record<number, ErrorCode>> = {
  400: 'request.malformed',
  401: 'auth.unauthenticated',
  403: 'auth.forbidden',
  404: 'request.no_route',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
};

function foreignCode(status: number): ErrorCode {
  return FOREIGN_CODE[status] ?? (status >= 500 ? 'internal' : 'request.malformed');
}

interface Answer {
  status: number;
  body: ErrorBody | Record<string, unknown>;
  headers?: Record<string, string>;
}

// One place turns every error into `{ error, code }` JSON; internals never leak past it.
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body, headers } = this.describe(exception);
    if (status >= 500 && !(exception instanceof AppException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (headers) for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): Answer {
    if (exception instanceof AppException) {
      const body = exception.body ?? ({ error: exception.message, code: exception.code } satisfies ErrorBody);
      return { status: exception.status, body, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      const status = exception.getStatus();
      return { status, body: { error: Array.isArray(message) ? message.join('; ') : String(message), code: foreignCode(status) } };
    }
    // errors raised by Fastify itself (body too large, bad content type …) carry a statusCode
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return { status: statusCode, body: { error: (exception as Error).message, code: foreignCode(statusCode) } };
    }
    return { status: 500, body: { error: 'internal error', code: 'internal' } };
  }
}
