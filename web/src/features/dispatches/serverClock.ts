// A phone's clock can be off. Steps carry the time they were pressed, and the server refuses one
// more than two minutes ahead of its own clock, so the phone learns how far off it is from the
// `Date` header of a cheap call (1 s resolution: plenty) and stamps steps in server time.

export interface ServerClock {
  /** server time minus phone time, ms; 0 until measured */
  offset(): number;
  /** Server time now, as the phone best knows it. */
  now(): number;
  measure(): Promise<void>;
}

// below this the Date header's rounding is all we would measure
const IGNORE_MS = 3_000;

export function createServerClock(fetchImpl: typeof fetch = (...args) => fetch(...args), local: () => number = Date.now): ServerClock {
  let offset = 0;
  return {
    offset: () => offset,
    now: () => local() + offset,
    async measure() {
      try {
        const sent = local();
        const res = await fetchImpl('/api/health', { cache: 'no-store' });
        const received = local();
        const header = res.headers.get('date');
        const server = header ? Date.parse(header) : NaN;
        if (Number.isNaN(server)) return;
        // the header is whole seconds: its middle, against the middle of the round trip
        const measured = server + 500 - (sent + received) / 2;
        offset = Math.abs(measured) < IGNORE_MS ? 0 : Math.round(measured);
      } catch {
        // offline: keep what we had
      }
    },
  };
}
