// The web app is served from the same port: files, history fallback, nothing outside the build.
import fs from 'node:fs';
import path from 'node:path';
import { request, startServer, tempDir, type TestServer } from '../support/harness';

describe('web app serving', () => {
  let server: TestServer;
  const dist = tempDir('jointduty-web-');

  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>jointduty</title><div id="app"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    fs.writeFileSync(path.join(path.dirname(dist), 'secret.txt'), 'outside the build');
    server = await startServer({ webDist: dist });
  });
  afterAll(() => server.close());

  it.each(['/', '/wall', '/leader', '/field', '/console', '/login', '/console/incidents/123'])('answers %s with the app', async (p) => {
    const r = await request(server, 'GET', p);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.body).toContain('<div id="app">');
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('serves hashed assets with a long cache life', async () => {
    const r = await request(server, 'GET', '/assets/index-abc123.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
    expect(r.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('never serves a file outside the build', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await request(server, 'GET', p);
      expect(String(r.body)).not.toContain('outside the build');
    }
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const r = await request(server, 'GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error).toBeTruthy();
  });
});
