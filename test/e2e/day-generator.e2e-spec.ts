// The generated duty day (test/support/day.ts) that measures event correlation: 50,000 valid
// records of the four feeds with ground-truth event labels and plenty of hard negatives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTERNAL_ID_FIELD, OCCURRED_AT_FIELD, isValidUscc, validateFeedRecord } from '@jointduty/shared';
import { NEGATIVE_KINDS, STORY_KINDS, describeDay, generateDay, type DayDescription, type DayRecord } from '../support/day';

const START = Date.parse('2026-08-01T00:00:00+08:00');
const HOUR = 3_600_000;

type Ring = number[][];
const districts = (
  JSON.parse(readFileSync(join(__dirname, '../../config/districts.geojson'), 'utf8')) as {
    features: Array<{ properties: { name: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }>;
  }
).features.map((f) => ({
  name: f.properties.name,
  polygons: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][],
}));

function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function districtAt(lng: number, lat: number): string | undefined {
  return districts.find((d) => d.polygons.some((p) => inRing(lng, lat, p[0]!) && !p.slice(1).some((hole) => inRing(lng, lat, hole))))?.name;
}

const text = (d: DayRecord) => String(d.record.content ?? d.record.summary ?? d.record.text);

/** the longest run of characters every record's text contains */
function sharedWord(list: DayRecord[]): string {
  const first = text(list[0]!);
  let shared = '';
  for (let i = 0; i < first.length; i++) {
    for (let j = first.length; j > i + shared.length; j--) {
      const w = first.slice(i, j);
      if (list.every((d) => text(d).includes(w))) {
        shared = w;
        break;
      }
    }
  }
  return shared;
}

describe('a generated duty day with ground truth', () => {
  let day: DayRecord[];
  let info: DayDescription;
  let cpuMs: number;
  let byLabel: Map<string, DayRecord[]>;

  beforeAll(() => {
    // CPU time, not wall time: a loaded test machine stretches the wall clock, not the work done
    const cpu = process.cpuUsage();
    day = generateDay();
    const used = process.cpuUsage(cpu);
    cpuMs = (used.user + used.system) / 1000;
    info = describeDay(day);
    byLabel = new Map();
    for (const d of day) {
      const list = byLabel.get(d.truth);
      if (list) list.push(d);
      else byLabel.set(d.truth, [d]);
    }
  });

  it('has 50,000 records of all four channels, generated in under 5 s of CPU', () => {
    expect(day).toHaveLength(50_000);
    expect(cpuMs).toBeLessThan(5_000);
    for (const n of Object.values(info.byChannel)) expect(n).toBeGreaterThan(5_000);
  });

  it('every record is valid for its channel (CONTRACT §2)', () => {
    const failures: string[] = [];
    for (const d of day) {
      const v = validateFeedRecord(d.channel, d.record);
      if (!v.ok && failures.length < 5) failures.push(`${d.channel} ${JSON.stringify(d.record)}: ${v.errors.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('ids are unique per channel, times are the records’ own and inside the day, sorted', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    let last = -Infinity;
    for (const d of day) {
      const id = `${d.channel}:${String(d.record[EXTERNAL_ID_FIELD[d.channel]])}`;
      if (seen.has(id)) problems.push(`${id} twice`);
      seen.add(id);
      if (Date.parse(String(d.record[OCCURRED_AT_FIELD[d.channel]])) !== d.at) problems.push(`${id}: at is not the record's time`);
      if (d.at < START || d.at >= START + 24 * HOUR) problems.push(`${id}: outside the day`);
      if (d.at < last) problems.push(`${id}: out of order`);
      last = d.at;
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(seen.size).toBe(day.length);
  });

  it('follows a day/night rhythm', () => {
    const hour = (d: DayRecord) => new Date(d.at + 8 * HOUR).getUTCHours();
    const night = day.filter((d) => hour(d) >= 2 && hour(d) < 5).length;
    const morning = day.filter((d) => hour(d) >= 9 && hour(d) < 12).length;
    expect(morning).toBeGreaterThan(5 * night);
  });

  it('15–25% of records are in multi-record clusters of every planned kind', () => {
    expect(info.clusterShare).toBeGreaterThanOrEqual(0.15);
    expect(info.clusterShare).toBeLessThanOrEqual(0.25);
    expect(info.clusters.merchant.events).toBeGreaterThan(500);
    expect(info.clusters.prepaid.events).toBeGreaterThan(50);
    expect(info.clusters.place.events).toBeGreaterThan(300);
    for (const k of STORY_KINDS) expect(info.placeStories[k].events).toBeGreaterThan(0);
    const sizes = Object.keys(info.clusterSizes).map(Number);
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(15);
    // most clusters cross channels
    expect((info.channelsPerCluster[1] ?? 0) / info.events).toBeLessThan(0.02);
    expect(info.singletons + Object.values(info.clusterSizes).reduce((a, b) => a + b, 0)).toBe(info.events);
  });

  it('clusters keep to their windows: a merchant within 24 h, a place story within 4 h', () => {
    for (const [label, list] of byLabel) {
      if (list.length < 2) continue;
      const span = list[list.length - 1]!.at - list[0]!.at;
      if (label.startsWith('place-')) expect(span).toBeLessThanOrEqual(4 * HOUR);
      else expect(span).toBeLessThanOrEqual(24 * HOUR);
    }
  });

  it('a place story is told by 110 and mentions one place in every report', () => {
    for (const [label, list] of byLabel) {
      if (!label.startsWith('place-') || list.length < 2) continue;
      expect(list.some((d) => d.channel === '110')).toBe(true);
      expect(list.some((d) => d.channel === '12315')).toBe(false);
      expect(sharedWord(list)).toMatch(/[\u4e00-\u9fa5]{2,}/);
    }
  });

  it('a merchant cluster names its merchant in every record; a vanished business has distinct complainants', () => {
    for (const [label, list] of byLabel) {
      if (!(label.startsWith('merchant-') || label.startsWith('prepaid-'))) continue;
      const names = list.flatMap((d) => (d.record.merchant ? [(d.record.merchant as { name: string }).name] : []));
      if (names.length > 0) {
        const base = names[0]!.replace(/[(（].*$/, '');
        for (const d of list) expect(text(d) + JSON.stringify(d.record)).toContain(base);
      } else {
        expect(sharedWord(list).length).toBeGreaterThanOrEqual(4);
      }
      if (label.startsWith('prepaid-')) {
        expect(list.length).toBeGreaterThanOrEqual(5);
        const phones = list.flatMap((d) => {
          const p = (d.record.consumer ?? d.record.citizen) as { phone?: string } | undefined;
          return p?.phone ? [p.phone] : [];
        });
        expect(new Set(phones).size).toBe(phones.length);
      }
    }
  });

  it('thousands of distinct merchants, chains with branches, USCC on about 60% of cluster complaints', () => {
    const merchants = new Set<string>();
    let withUscc = 0;
    let clustered = 0;
    for (const d of day) {
      const m = d.record.merchant as { name: string; uscc?: string } | undefined;
      if (!m) continue;
      merchants.add(m.name);
      if (m.uscc) expect(isValidUscc(m.uscc)).toBe(true);
      if (d.truth.startsWith('merchant-') || d.truth.startsWith('prepaid-')) {
        clustered++;
        if (m.uscc) withUscc++;
      }
    }
    expect(merchants.size).toBeGreaterThan(5_000);
    expect([...merchants].filter((n) => /[(（].+店[)）]$/.test(n)).length).toBeGreaterThan(300);
    expect(withUscc / clustered).toBeGreaterThan(0.5);
    expect(withUscc / clustered).toBeLessThan(0.7);
  });

  it('coordinates lie in the district the record names', () => {
    let checked = 0;
    for (const d of day) {
      const loc = d.record.location as { lng: number; lat: number } | undefined;
      if (!loc || typeof loc !== 'object' || typeof d.record.district !== 'string') continue;
      expect(districtAt(loc.lng, loc.lat)).toBe(d.record.district);
      checked++;
    }
    expect(checked).toBeGreaterThan(3_000);
  });

  it('every hard-negative kind is present and plentiful, each naming labels of the day', () => {
    for (const k of NEGATIVE_KINDS) expect(info.negatives[k].instances).toBeGreaterThanOrEqual(100);
    for (const h of info.hardNegatives) {
      expect(new Set(h.labels).size).toBe(h.labels.length);
      expect(h.labels.length).toBeGreaterThanOrEqual(2);
      for (const l of h.labels) expect(byLabel.has(l)).toBe(true);
    }
  });

  it('hard negatives are what they say', () => {
    const merchantOf = (label: string) =>
      byLabel.get(label)!.flatMap((d) => (d.record.merchant ? [d.record.merchant as { name: string; uscc?: string }] : []));
    for (const h of info.hardNegatives) {
      const lists = h.labels.map((l) => byLabel.get(l)!);
      switch (h.kind) {
        case 'sameNameDifferentUscc': {
          const [a, b] = h.labels.map((l) => merchantOf(l)[0]!);
          expect(a!.name).toBe(b!.name);
          expect(a!.uscc).toBeDefined();
          expect(a!.uscc).not.toBe(b!.uscc);
          break;
        }
        case 'praise':
          expect(lists.some((list) => list.every((d) => d.channel === '12345' && d.record.appealType === '表扬'))).toBe(true);
          break;
        case 'chainBranches': {
          // one chain, different branches
          const names = h.labels.flatMap((l) =>
            merchantOf(l)
              .slice(0, 1)
              .map((m) => m.name.replace('（', '(').replace('）', ')')),
          );
          expect(new Set(names).size).toBe(names.length);
          expect(new Set(names.map((n) => n.replace(/\(.*$/, ''))).size).toBeLessThanOrEqual(1);
          for (const n of names) expect(n).toMatch(/\(.+店\)$/);
          break;
        }
        case 'sameStoryDifferentPlace': {
          const story = (l: string) => (l.startsWith('place-') ? l.split('-')[1] : undefined);
          const kinds = h.labels.map(story).filter(Boolean);
          expect(new Set(kinds).size).toBeLessThanOrEqual(1);
          break;
        }
        default:
          break;
      }
    }
  });

  it('is deterministic for a seed and differs for another', () => {
    const strip = (d: DayRecord[]) => JSON.stringify(d.map((x) => [x.channel, x.truth, x.at, x.record]));
    const a = generateDay({ seed: 42, records: 5_000 });
    const b = generateDay({ seed: 42, records: 5_000 });
    const c = generateDay({ seed: 43, records: 5_000 });
    expect(a).toHaveLength(5_000);
    expect(strip(a)).toBe(strip(b));
    expect(strip(a)).not.toBe(strip(c));
    expect(describeDay(a).hardNegatives).toEqual(describeDay(b).hardNegatives);
    const small = describeDay(a);
    expect(small.clusterShare).toBeGreaterThanOrEqual(0.15);
    expect(small.clusterShare).toBeLessThanOrEqual(0.25);
    // a copy keeps the label-derived figures but not the hard negatives
    expect(describeDay([...a]).hardNegatives).toEqual([]);
    expect(describeDay([...a]).clusterShare).toBe(small.clusterShare);
  });
});
