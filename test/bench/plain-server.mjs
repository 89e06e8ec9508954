// Reference: a bare Fastify server (the same fastify the product runs on) that parses a JSON POST
// and answers 202, nothing else. Shows what this machine's HTTP + JSON costs without the product.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'server/package.json'));
const Fastify = require('fastify');

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.post('/api/feeds/:channel', async (req, reply) => {
  const n = Array.isArray(req.body) ? req.body.length : 1;
  reply.code(202);
  return { accepted: n, duplicates: 0, rejected: [] };
});
app.get('/api/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '0.0.0.0' });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => app.close().then(() => process.exit(0)));
