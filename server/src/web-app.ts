import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';

export const WEB_DIST = path.resolve(__dirname, '../../web/dist');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self' data:",
  "media-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file under root for a URL path, or null; never anything outside root. */
function staticFile(root: string, url: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.endsWith('/')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize(decoded));
  if (!file.startsWith(root) || path.basename(file) === 'index.html') return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** Serves the built web app; any other GET that is not an API path gets index.html (history mode). */
export async function registerWebApp(fastify: FastifyInstance, dist = WEB_DIST): Promise<void> {
  fastify.addHook('onSend', async (_req, reply, payload) => {
    void reply.header('X-Content-Type-Options', 'nosniff');
    void reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
  const index = path.join(dist, 'index.html');
  const hasWeb = fs.existsSync(index);
  const root = path.resolve(dist) + path.sep;
  fastify.get('/*', async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api' || url.startsWith('/socket.io')) {
      return reply.status(404).send({ error: `no such path: ${url.slice(0, 100)}`, code: 'request.no_route' });
    }
    const file = hasWeb ? staticFile(root, url) : null;
    if (file) {
      // hashed build assets never change under their name
      const immutable = url.startsWith('/assets/');
      return reply
        .header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .type(MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream')
        .send(fs.createReadStream(file));
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built: run `npm start` (it builds it) or `npm run build -w web`.');
    }
    return reply
      .header('Content-Security-Policy', CSP)
      .header('Cache-Control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(fs.createReadStream(index));
  });
}
