// A controllable clock for journeys: the server runs in the test's own process, so faking `Date`
// (and only `Date`) moves the server's "now" — deadlines, lateness, sweeps' judgements — while
// timers, sockets and the database keep real time. Time keeps running from where it is set.
const REAL_TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** Sets the clock to `at` (ISO or epoch ms); it runs on from there at the real pace. */
export function setClock(at: string | number): void {
  const now = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(now)) throw new Error(`setClock: not a time: ${at}`);
  jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], advanceTimers: true, now });
}

/** Back to the real time. */
export function realClock(): void {
  jest.useRealTimers();
}
