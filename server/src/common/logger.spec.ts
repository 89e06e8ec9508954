import { hostname } from 'node:os';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { DEFAULT_LOG_LEVELS, defaultInstanceId, levelsFrom } from '../config/log-levels';
import { JsonLogger } from './logger';

// A destination that keeps what pino writes, one entry per write
function capture(): { lines: string[]; write: (s: string) => void; parsed: () => Array<Record<string, any>> } {
  const lines: string[] = [];
  return { lines, write: (s: string) => void lines.push(s), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, any>) };
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, ISO time, instance, pid, context and msg', () => {
    const out = capture();
    const logger = new JsonLogger({ instance: 'app1', destination: out });
    logger.log('listening on http://localhost:3000', 'jointduty');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\{.*\}\n$/);
    expect(out.lines[0]!.slice(0, -1)).not.toContain('\n');
    const line = out.parsed()[0]!;
    expect(Object.keys(line)).toEqual(['level', 'time', 'instance', 'pid', 'context', 'msg']);
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(ISO),
      instance: 'app1',
      pid: process.pid,
      context: 'jointduty',
      msg: 'listening on http://localhost:3000',
    });
    expect(Math.abs(Date.parse(line.time as string) - Date.now())).toBeLessThan(5000);
  });

  it('names the levels as pino does', () => {
    const out = capture();
    const logger = new JsonLogger({ levels: ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'], destination: out });
    logger.verbose('v');
    logger.debug('d');
    logger.log('l');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(out.parsed().map((l) => [l.level, l.msg])).toEqual([
      ['trace', 'v'],
      ['debug', 'd'],
      ['info', 'l'],
      ['warn', 'w'],
      ['error', 'e'],
      ['fatal', 'f'],
    ]);
  });

  it("honours Nest's level list as a set: ['error'] writes errors only", () => {
    const out = capture();
    const logger = new JsonLogger({ levels: ['error'], destination: out });
    logger.log('no');
    logger.warn('no');
    logger.fatal('no');
    logger.error('yes');
    expect(out.parsed().map((l) => l.msg)).toEqual(['yes']);
    logger.setLogLevels(['warn']);
    logger.error('no');
    logger.warn('now');
    expect(out.parsed().map((l) => l.msg)).toEqual(['yes', 'now']);
    expect(logger.isLevelEnabled('warn')).toBe(true);
    expect(logger.isLevelEnabled('log')).toBe(false);
  });

  it('writes log, warn and error (and fatal) by default', () => {
    expect(DEFAULT_LOG_LEVELS).toEqual(['log', 'warn', 'error', 'fatal']);
    const out = capture();
    const logger = new JsonLogger({ destination: out });
    logger.debug('hidden');
    logger.log('shown');
    expect(out.parsed().map((l) => l.msg)).toEqual(['shown']);
  });

  describe('errors carry err with message and stack', () => {
    it('from an Error object', () => {
      const out = capture();
      const err = new TypeError('boom');
      new JsonLogger({ destination: out }).error(err, 'http');
      const line = out.parsed()[0]!;
      expect(line).toMatchObject({ level: 'error', context: 'http', msg: 'boom' });
      expect(line.err).toMatchObject({ type: 'TypeError', message: 'boom', stack: err.stack });
    });

    it('from Nest’s (message, stack, context)', () => {
      const out = capture();
      const err = new Error('database down');
      new JsonLogger({ destination: out }).error('rules failed', err.stack, 'rules');
      expect(out.parsed()[0]).toMatchObject({ context: 'rules', msg: 'rules failed', err: { message: 'rules failed', stack: err.stack } });
    });

    it('from (message, stack) without a context, as ConsoleLogger reads it', () => {
      const out = capture();
      const err = new Error('x');
      new JsonLogger({ destination: out }).error('failed', err.stack);
      const line = out.parsed()[0]!;
      expect(line.context).toBeUndefined();
      expect(line.err).toEqual({ message: 'failed', stack: err.stack });
    });

    it('from a stack passed as the message (the exceptions filter)', () => {
      const out = capture();
      const err = new RangeError('out of range');
      new JsonLogger({ destination: out }).error(err.stack, 'http');
      expect(out.parsed()[0]).toMatchObject({ context: 'http', msg: 'RangeError: out of range', err: { stack: err.stack } });
    });

    it('with only a message: err.message, no stack', () => {
      const out = capture();
      new JsonLogger({ destination: out }).error('bus handler failed: Error: x', 'bus');
      expect(out.parsed()[0]).toMatchObject({ context: 'bus', err: { message: 'bus handler failed: Error: x' } });
      expect(out.parsed()[0]!.err.stack).toBeUndefined();
    });

    it('a warning about an Error keeps its stack too', () => {
      const out = capture();
      const err = new Error('slow');
      new JsonLogger({ destination: out }).warn(err, 'stats');
      expect(out.parsed()[0]).toMatchObject({ level: 'warn', context: 'stats', msg: 'slow', err: { stack: err.stack } });
    });
  });

  it('serves as Nest’s logger: `new Logger(context)` lines come out as JSON with that context', () => {
    const out = capture();
    const logger = new JsonLogger({ instance: 'app2', destination: out });
    Logger.overrideLogger(logger);
    try {
      new Logger('feeds').log('accepted 3');
      new Logger('bus').error('incident.accepted handler failed: Error: x');
      const err = new Error('y');
      new Logger('live').error('push failed', err.stack);
    } finally {
      Logger.overrideLogger(new ConsoleLogger());
    }
    expect(out.parsed().map((l) => [l.instance, l.context, l.level, l.msg, l.err?.stack !== undefined])).toEqual([
      ['app2', 'feeds', 'info', 'accepted 3', false],
      ['app2', 'bus', 'error', 'incident.accepted handler failed: Error: x', false],
      ['app2', 'live', 'error', 'push failed', true],
    ]);
  });

  it('keeps a "%s" in a message as text and objects as data', () => {
    const out = capture();
    const logger = new JsonLogger({ destination: out });
    logger.log('100%s done %d', 'x');
    logger.log({ msg: 'batch stored', records: 200 }, 'feeds');
    logger.log('with extras', { a: 1 }, 'ctx');
    expect(out.parsed()).toEqual([
      expect.objectContaining({ context: 'x', msg: '100%s done %d' }),
      expect.objectContaining({ context: 'feeds', msg: 'batch stored', data: { records: 200 } }),
      expect.objectContaining({ context: 'ctx', msg: 'with extras', args: [{ a: 1 }] }),
    ]);
  });

  it('names the instance by INSTANCE_ID, else the host', () => {
    expect(defaultInstanceId({ INSTANCE_ID: ' app1 ' })).toBe('app1');
    expect(defaultInstanceId({})).toBe(hostname());
  });

  it('turns a threshold into the level list', () => {
    expect(levelsFrom('warn')).toEqual(['warn', 'error', 'fatal']);
    expect(levelsFrom('verbose')).toEqual(['verbose', 'debug', 'log', 'warn', 'error', 'fatal']);
  });
});
