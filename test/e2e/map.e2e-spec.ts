import { gunzipSync } from 'node:zlib';
import { request as httpRequest } from 'node:http';
import { login, request, startServer, type TestServer } from '../support/harness';

// The raw answer, without fetch's transparent decompression: what a browser's cache sees.
function raw(
  server: TestServer,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}/api/map`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The wall's city map: the district GeoJSON the server loaded, cached by the browser.
describe('GET /api/map', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers the districts to every signed-in role, with a strong ETag and an hour of private caching', async () => {
    const names = server.config.city.districts.map((d) => d.name).sort();
    let etag: string | null = null;
    for (const user of ['admin', 'duty', 'leader', 'field-shinan']) {
      const res = await request<{ type: string; features: Array<{ properties: { name: string }; geometry: { type: string } }> }>(
        server,
        'GET',
        '/api/map',
        { token: await login(server, user) },
      );
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('FeatureCollection');
      expect(res.body.features.map((f) => f.properties.name).sort()).toEqual(names);
      expect(res.body.features.every((f) => ['Polygon', 'MultiPolygon'].includes(f.geometry.type))).toBe(true);
      expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const tag = res.headers.get('etag');
      expect(tag).toMatch(/^"[\w-]+"$/); // strong: no W/
      if (etag !== null) expect(tag).toBe(etag); // the same map for everyone
      etag = tag;
    }
  });

  it('answers 304 to If-None-Match with the current ETag, 200 to a stale one', async () => {
    const token = await login(server, 'duty');
    const first = await request(server, 'GET', '/api/map', { token });
    const etag = first.headers.get('etag')!;

    const again = await request(server, 'GET', '/api/map', { token, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('private, max-age=3600');

    // a list naming it, and the weak form of it, match too
    expect((await request(server, 'GET', '/api/map', { token, headers: { 'if-none-match': `"old", W/${etag}` } })).status).toBe(304);
    const stale = await request(server, 'GET', '/api/map', { token, headers: { 'if-none-match': '"not-the-map"' } });
    expect(stale.status).toBe(200);
    expect(stale.body.type).toBe('FeatureCollection');
  });

  it('is gzipped for clients that accept it, each encoding with its own validator', async () => {
    const token = await login(server, 'duty');
    const gz = await raw(server, { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' });
    const plain = await raw(server, { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length / 2);
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    expect(String(gz.headers.vary)).toMatch(/Accept-Encoding/);
    const notModified = await raw(server, {
      authorization: `Bearer ${token}`,
      'accept-encoding': 'gzip',
      'if-none-match': String(gz.headers.etag),
    });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
  });

  it('refuses a request without a valid token', async () => {
    const none = await request(server, 'GET', '/api/map');
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual(expect.any(String));
    expect(none.headers.get('etag')).toBeNull();
    expect((await request(server, 'GET', '/api/map', { token: 'not-a-token' })).status).toBe(401);
  });
});
