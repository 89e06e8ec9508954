// Boots the real server (real SQLite or PostgreSQL, real HTTP, real Socket.IO) for journeys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@jointduty/shared';
import { createApp } from '@jointduty/server/app.factory';
import { loadConfig } from '@jointduty/server/config/config.loader';
import type { AppConfig } from '@jointduty/server/config/config.schema';
import { CorrelationPipeline } from '@jointduty/server/correlation/pipeline/correlation.pipeline';

export const FEED_KEY = 'dev-feed-key';
export const PASSWORD = 'jointduty';

export interface TestServer {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  dataDir: string;
  close(): Promise<void>;
  /** Waits until everything accepted so far is correlated and judged by the rules. */
  settled(): Promise<void>;
}

export function tempDir(prefix = 'jointduty-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh PostgreSQL schema state for the integration run: drops every table we own. */
export async function resetPostgres(url: string): Promise<void> {
  const { Client } = await import('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
  await c.end();
}

/** Starts a server on a fresh database, or (`restart: true` with the old dataDir) on the one it had. */
export async function startServer(
  opts: { dataDir?: string; restart?: boolean; env?: Record<string, string>; webDist?: string; port?: number } = {},
): Promise<TestServer> {
  // a fresh database on PostgreSQL is an emptied schema
  if (!opts.restart && process.env.TEST_DATABASE_URL) await resetPostgres(process.env.TEST_DATABASE_URL);
  const dataDir = opts.dataDir ?? tempDir();
  const config = loadConfig({
    env: {
      ...process.env,
      NODE_ENV: 'test',
      SIMULATOR: 'off',
      PORT: '3000',
      DATA_DIR: dataDir,
      ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
      ...opts.env,
    },
  });
  const app = await createApp(config, { logger: ['error'], webDist: opts.webDist });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const addr = app.getHttpServer().address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const pipeline = app.get(CorrelationPipeline);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    dataDir,
    close: () => app.close(),
    settled: () => pipeline.idle(),
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = any>(
  server: Pick<TestServer, 'url'>,
  method: string,
  urlPath: string,
  opts: { body?: unknown; raw?: string | Buffer; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Uint8Array | undefined;
  if (opts.raw !== undefined) body = typeof opts.raw === 'string' ? opts.raw : new Uint8Array(opts.raw);
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + urlPath, { method, headers, body: body as BodyInit | undefined });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export function postFeed(server: Pick<TestServer, 'url'>, channel: string, body: unknown, key: string | null = FEED_KEY) {
  return request(server, 'POST', `/api/feeds/${channel}`, { body, headers: key === null ? {} : { 'x-feed-key': key } });
}

export async function login(server: Pick<TestServer, 'url'>, username: string, password = PASSWORD): Promise<string> {
  const r = await request<{ token: string }>(server, 'POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token;
}

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected /live socket, or the connect error's message. */
export function connectLive(server: Pick<TestServer, 'url'>, token: string | undefined, mute?: string[]): Promise<LiveSocket> {
  const socket: LiveSocket = io(server.url + '/live', {
    path: '/socket.io',
    auth: token === undefined ? {} : mute ? { token, mute } : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Collects every event of a kind a socket receives. */
export function collect<T>(socket: LiveSocket, event: keyof ServerToClientEvents): T[] {
  const got: T[] = [];
  (socket as unknown as { on(e: string, fn: (p: T) => void): void }).on(event, (p: T) => got.push(p));
  return got;
}

export async function waitFor(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
