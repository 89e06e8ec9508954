// Real server processes (the built server/dist/main.js) for the fault tests: several instances on
// one PostgreSQL database, a private Redis that a test may stop and start, kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const MAIN = path.join(ROOT, 'server/dist/main.js');
export const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
// one secret for every instance: a token signed by one is good on the others
export const JWT_SECRET = 'integration-secret-integration-secret-0123456789';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Instance {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  log: string;
  /** SIGTERM and wait (graceful). */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hook runs. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** Starts one server process and waits until it answers /api/health (any status: Redis may be down on purpose). */
export async function startInstance(
  name: string,
  env: Record<string, string>,
  opts: { port?: number; timeoutMs?: number } = {},
): Promise<Instance> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build -w server first`);
  const port = opts.port ?? (await freePort());
  const logFile = path.join(os.tmpdir(), `jointduty-int-${name}-${process.pid}-${port}.log`);
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      SIMULATOR: 'off',
      PORT: String(port),
      JWT_SECRET,
      INSTANCE_ID: name,
      DATA_DIR: path.join(os.tmpdir(), `jointduty-int-data-${name}`),
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  running.add(child);
  child.once('exit', () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before answering; log:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url + '/api/health', { signal: AbortSignal.timeout(1000) });
      await res.text();
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer within ${opts.timeoutMs ?? 30_000} ms; log:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  return {
    name,
    url,
    port,
    child,
    log: logFile,
    stop: async () => {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited(child);
      clearTimeout(t);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface PrivateRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A redis-server of the test's own on a free port, nothing kept on disk: stop and start it at will. */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    running.add(child);
    const c = child;
    c.once('exit', () => running.delete(c));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (await canConnect(port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
      await sleep(50);
    }
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c) return;
    c.kill('SIGKILL');
    await exited(c);
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, stop };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Waits until the instance holding correlation has taken every stored record (none pending). */
export async function waitSettled(query: (sql: string) => Promise<Array<Record<string, unknown>>>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await query(`SELECT COUNT(*)::int AS n FROM incidents WHERE event_id IS NULL`);
    if (Number(rows[0]!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${String(rows[0]!.n)} records still wait for correlation after ${timeoutMs} ms`);
    await sleep(100);
  }
}

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones: the service is gone, as far as the client knows. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of a real service (PostgreSQL), to take it away from one client and give it back. */
export async function tcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    cut: () => {
      up = false;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore: () => {
      up = true;
    },
    close: () =>
      new Promise<void>((r) => {
        up = false;
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
