export interface Coalescer {
  /** Asks for a run: at once if the last was long enough ago, else once when the interval is up. */
  request(): void;
  /** Runs now if a run is waiting. */
  flush(): void;
  dispose(): void;
}

// Many requests, at most one run per interval, always ending with a run after the last request
// (the latest state is what gets drawn, never a stale one).
export function createCoalescer(run: () => void, intervalMs: number, now: () => number = () => Date.now()): Coalescer {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  let disposed = false;

  function fire() {
    timer = null;
    if (!pending || disposed) return;
    pending = false;
    last = now();
    run();
  }

  return {
    request() {
      if (disposed) return;
      pending = true;
      if (timer !== null) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer !== null) clearTimeout(timer);
      fire();
    },
    dispose() {
      disposed = true;
      pending = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
