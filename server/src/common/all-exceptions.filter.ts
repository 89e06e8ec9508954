import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppException } from './app.exception';

// One place turns every error into `{ error }` JSON; internals never leak past it.
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

  private describe(exception: unknown): { status: number; body: unknown; headers?: Record<string, string> } {
    if (exception instanceof AppException) {
      return { status: exception.status, body: exception.body ?? { error: exception.message }, headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      return { status: exception.getStatus(), body: { error: Array.isArray(message) ? message.join('; ') : String(message) } };
    }
    // errors raised by Fastify itself (body too large, bad content type …) carry a statusCode
    const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return { status: statusCode, body: { error: (exception as Error).message } };
    }
    return { status: 500, body: { error: 'internal error' } };
  }
}
