// Collects pushed items and hands them over at most once per animation frame, so a 10 Hz
// stream costs one render per frame at most. Hidden tabs get no frames: a timer takes over,
// and the queue flushes at once when it reaches maxItems, so it never grows without bound.
export interface FrameQueue<T> {
  push(items: readonly T[]): void;
  flush(): void;
  dispose(): void;
  readonly size: number;
}

export function createFrameQueue<T>(
  onFlush: (items: T[]) => void,
  { maxItems = 1000, fallbackMs = 250 }: { maxItems?: number; fallbackMs?: number } = {},
): FrameQueue<T> {
  let buffer: T[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  const hasRaf = typeof requestAnimationFrame === 'function';

  function cancel() {
    if (frame !== null && hasRaf) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = timer = null;
  }

  function flush() {
    cancel();
    if (buffer.length === 0) return;
    const items = buffer;
    buffer = [];
    onFlush(items);
  }

  function schedule() {
    if (frame !== null || timer !== null) return;
    if (hasRaf) frame = requestAnimationFrame(flush);
    timer = setTimeout(flush, fallbackMs);
  }

  return {
    push(items) {
      if (disposed || items.length === 0) return;
      for (const item of items) buffer.push(item);
      if (buffer.length >= maxItems) flush();
      else schedule();
    },
    flush,
    dispose() {
      disposed = true;
      cancel();
      buffer = [];
    },
    get size() {
      return buffer.length;
    },
  };
}
