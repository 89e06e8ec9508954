import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FEED_LIMITS } from '@jointduty/shared';
import { AppException } from './app.exception';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every request body is parsed here: 1 MiB at most, UTF-8 only, JSON only, with clear errors. */
export function registerJsonBody(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: FEED_LIMITS.maxBodyBytes },
    (req: FastifyRequest, body: Buffer, done: (err: Error | null, value?: unknown) => void) => {
      const type = String(req.headers['content-type'] ?? '');
      if (body.length === 0) return done(null, undefined);
      // JSON only (application/json, or a +json type): a form or text body is refused, not guessed at
      const media = type.split(';')[0]!.trim().toLowerCase();
      if (media !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(media)) {
        return done(
          new AppException('request.unsupported_media_type', `Content-Type: ${media.slice(0, 60) || 'missing'}; send application/json`),
        );
      }
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        return done(new AppException('request.unsupported_media_type', `Content-Type: charset ${charset} is not supported, send UTF-8`));
      }
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(new AppException('request.malformed', 'body: not valid UTF-8'));
      }
      try {
        // JSON.parse makes "__proto__" an own property, never the prototype; the feed
        // validators then refuse such keys by name
        done(null, JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
      } catch (err) {
        done(new AppException('request.malformed', `body: not JSON (${(err as Error).message})`));
      }
    },
  );
}
