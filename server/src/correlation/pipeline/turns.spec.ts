import type { CorrelationLease } from '../../infra/cluster/lease.service';
import { CorrelationTurns } from './turns';

// The holder's turns: correlation work runs one job at a time, and a two-stage job lets the next
// one decide while its commit is under way, with commits still in the order they were decided.
// (Turns need no database: the lease is a stand-in, never started.)
const turns = () => new CorrelationTurns({ held: true } as CorrelationLease);

const gate = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};
const tick = () => new Promise((r) => setImmediate(r));

describe('CorrelationTurns', () => {
  it('passes the turn on after a pipelined job decided, and hands each commit the commits before it', async () => {
    const l = turns();
    const log: string[] = [];
    const firstCommit = gate();
    const a = l.pipelined(
      async () => void log.push('prepare a'),
      async () => {
        log.push('commit a starts');
        await firstCommit.p;
        log.push('commit a ends');
        return 'a';
      },
      1000,
    );
    const b = l.pipelined(
      async () => void log.push('prepare b'),
      async (_p, before) => {
        log.push('commit b starts');
        await before;
        log.push('commit b after a');
        return 'b';
      },
      1000,
    );
    await a.prepared;
    await b.prepared;
    // b decided while a's commit is still under way
    expect(log).toEqual(['prepare a', 'commit a starts', 'prepare b', 'commit b starts']);
    firstCommit.open();
    expect(await b.result).toBe('b');
    expect(await a.result).toBe('a');
    expect(log.slice(4)).toEqual(['commit a ends', 'commit b after a']);
  });

  it('starts a plain job only when every commit under way has finished', async () => {
    const l = turns();
    const log: string[] = [];
    const commit = gate();
    const staged = l.pipelined(
      async () => undefined,
      async () => {
        await commit.p;
        log.push('committed');
      },
      1000,
    );
    await staged.prepared;
    const job = l.run(async () => void log.push('job'));
    await tick();
    await tick();
    expect(log).toEqual([]);
    commit.open();
    await job;
    expect(log).toEqual(['committed', 'job']);
  });

  it('gives up a pipelined job whose turn does not come in time: null, and neither stage runs', async () => {
    const l = turns();
    const long = gate();
    const holding = l.run(() => long.p);
    let ran = false;
    const staged = l.pipelined(
      async () => void (ran = true),
      async () => void (ran = true),
      30,
    );
    expect(await staged.result).toBeNull();
    await staged.prepared;
    long.open();
    await holding;
    await l.idle();
    expect(ran).toBe(false);
  });

  it('rejects a job whose preparation fails, and goes on with the next', async () => {
    const l = turns();
    const bad = l.pipelined(
      async () => {
        throw new Error('memory broke');
      },
      async () => 'never',
      1000,
    );
    await expect(bad.result).rejects.toThrow('memory broke');
    await expect(l.run(async () => 'next')).resolves.toBe('next');
  });

  it('idle() waits for the commits as well as the turns', async () => {
    const l = turns();
    const commit = gate();
    let done = false;
    const staged = l.pipelined(
      async () => undefined,
      async () => {
        await commit.p;
        done = true;
      },
      1000,
    );
    await staged.prepared;
    const idle = l.idle().then(() => done);
    setTimeout(() => commit.open(), 20);
    expect(await idle).toBe(true);
  });
});
