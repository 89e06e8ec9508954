// The simulator's randomness: a seeded stream, so that one seed gives the same records.

// mulberry32: a small, fast 32-bit PRNG, good enough for simulated data.
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  // an integer in [min, max]
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += Math.max(0, weightOf(item));
    let r = this.next() * total;
    for (const item of items) {
      r -= Math.max(0, weightOf(item));
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

// A key of the mix, drawn by its weight.
export function typeMix<T extends string>(rng: Rng, mix: Record<T, number>): T {
  return rng.weighted(Object.keys(mix) as T[], (k) => mix[k]);
}

export type Coordinates = { lng: number; lat: number };

// A point within `spread` degrees of p, to the metre.
export function jitter(rng: Rng, p: Coordinates, spread: number): Coordinates {
  const lng = p.lng + (rng.next() * 2 - 1) * spread;
  const lat = p.lat + (rng.next() * 2 - 1) * spread;
  return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
}
