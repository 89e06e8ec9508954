import type { LoggerService, LogLevel } from '@nestjs/common';
import { DEFAULT_LOG_LEVELS, defaultInstanceId } from '../config/log-levels';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';

// Nest level → the label written in "level": pino's (and most log stores') names
const PINO_LEVEL = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' } as const;

export interface JsonLoggerOptions {
  /** the Nest levels written (a set, as Nest gives them); default DEFAULT_LOG_LEVELS */
  levels?: readonly LogLevel[];
  /** default: defaultInstanceId() */
  instance?: string;
  /** default: stdout, written synchronously */
  destination?: DestinationStream;
}

// One stdout destination for every logger of the process. Synchronous: the server writes a few
// lines a minute, not one per request, and a line written just before process.exit (a refused
// configuration, a shutdown that overran) must not be lost in a buffer.
let stdout: DestinationStream | undefined;
function stdoutDestination(): DestinationStream {
  return (stdout ??= pino.destination({ dest: 1, sync: true }));
}

// "Error: boom\n    at f (file.js:1:2)": how Nest tells a stack from a context (ConsoleLogger.isStackFormat)
function isStack(v: unknown): v is string {
  return typeof v === 'string' && /^(.)+\n\s+at .+:\d+:\d+/.test(v);
}

interface Line {
  context?: string;
  err?: { type?: string; message: string; stack?: string; [k: string]: unknown };
  data?: unknown;
  args?: unknown[];
}

/**
 * Nest's LoggerService on pino: one JSON object per line,
 * `{"level":"info","time":"2026-07-20T13:05:00.123Z","instance":"app1","pid":7,"context":"feeds","msg":"…"}`.
 * Errors carry `err` (`type`, `message`, `stack` when known). Nest's level list is honoured as a
 * set, so `logger: ['error']` (the tests) writes errors only.
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Pino;
  private enabled: Set<LogLevel>;

  constructor(opts: JsonLoggerOptions = {}) {
    this.enabled = new Set(opts.levels ?? DEFAULT_LOG_LEVELS);
    this.pino = pino(
      {
        // every line reaches write(); Nest's list (a set, not a threshold) filters there
        level: 'trace',
        base: { instance: opts.instance ?? defaultInstanceId(), pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        messageKey: 'msg',
        // err is serialized in write(), from an Error or from Nest's stack string; pino's own err
        // serializer would turn the latter into { type: 'Object', stack: '' }
        serializers: { err: (e: unknown) => (e instanceof Error ? pino.stdSerializers.err(e) : e) },
      },
      opts.destination ?? stdoutDestination(),
    );
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.enabled = new Set(levels);
  }

  isLevelEnabled(level: LogLevel): boolean {
    return this.enabled.has(level);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const line: Line = {};
    const rest = [...params];
    const isError = level === 'error' || level === 'fatal';
    let stack: string | undefined;

    // Nest's calling conventions, as ConsoleLogger reads them: the context comes last;
    // error(message, stack?, context?) with Logger adding `undefined` for a missing stack.
    if (isError && rest.length === 1 && isStack(rest[0])) {
      stack = rest.pop() as string;
    } else {
      if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') line.context = rest.pop() as string;
      if (isError && rest.length > 0 && (typeof rest[rest.length - 1] === 'string' || rest[rest.length - 1] === undefined)) {
        stack = rest.pop() as string | undefined;
      }
    }
    if (rest.length > 0) line.args = rest;

    let msg: string;
    if (message instanceof Error) {
      line.err = pino.stdSerializers.err(message);
      msg = message.message;
    } else if (isStack(message)) {
      // logger.error(err.stack): the first line is the message
      msg = message.slice(0, message.indexOf('\n'));
      line.err = { message: msg, stack: message };
    } else if (typeof message === 'string') {
      msg = message;
    } else if (message !== null && typeof message === 'object') {
      // structured data stays structured, under data, apart from the line's own fields;
      // its msg (a string) becomes the line's
      const { msg: m, ...data } = message as { msg?: unknown };
      if (typeof m === 'string') {
        msg = m;
        line.data = data;
      } else {
        msg = '';
        line.data = message;
      }
    } else {
      msg = String(message);
    }

    if (line.err) {
      if (stack && !line.err.stack) line.err.stack = stack;
    } else if (isError) {
      // an error line always carries err.message, and the stack when the caller gave one
      line.err = stack ? { message: msg, stack } : { message: msg };
    }

    // msg goes in the object, not as pino's format string: a "%s" in a message is text
    this.pino[PINO_LEVEL[level]]({ ...line, msg });
  }
}
