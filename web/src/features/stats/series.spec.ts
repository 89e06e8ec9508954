import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { CHANNELS, type Channel, type StatsSeries } from '@jointduty/shared';
import { incidentFixture } from '../../test/fixtures';
import { useSeriesStore } from './series';

const START = Date.parse('2026-07-20T10:00:00Z');
const MIN = 60_000;
const perChannel = <T>(make: (c: Channel) => T[]) => Object.fromEntries(CHANNELS.map((c) => [c, make(c)])) as Record<Channel, T[]>;

function series(minutes = 5): StatsSeries {
  return {
    start: new Date(START).toISOString(),
    minutes,
    byChannel: perChannel((c) => (c === '110' ? [1, 2, 3, 4, 5].slice(0, minutes) : new Array<number>(minutes).fill(0))),
    lastWeek: perChannel(() => new Array<number>(minutes).fill(7)),
    hotMerchants: [{ name: '浪花渔家大排档', incidents: 3, eventId: 'e1', district: '市北区' }],
  };
}
const at = (ms: number) => new Date(ms).toISOString();

describe('the trend series store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('counts pushed incidents into their minute, per channel, and ignores those outside the window', () => {
    const store = useSeriesStore();
    store.apply(series());
    store.topUp(
      [
        incidentFixture({ channel: '110', receivedAt: at(START + 4 * MIN + 5_000) }),
        incidentFixture({ channel: '110', receivedAt: at(START + 4 * MIN + 50_000) }),
        incidentFixture({ channel: '12345', receivedAt: at(START + 2 * MIN) }),
        incidentFixture({ channel: '12345', receivedAt: at(START - MIN) }), // before the window
        incidentFixture({ channel: '12345', receivedAt: 'not a time' }),
      ],
      START + 4 * MIN + 55_000,
    );
    expect(store.trend!.byChannel['110']).toEqual([1, 2, 3, 4, 7]);
    expect(store.trend!.byChannel['12345']).toEqual([0, 0, 1, 0, 0]);
    expect(store.trend!.lastWeek['110']).toEqual([7, 7, 7, 7, 7]);
  });

  it('slides with the clock: the oldest minutes go, new ones start at 0 with last week unknown, the length stays', () => {
    const store = useSeriesStore();
    store.apply(series());
    // two minutes after the window's last minute began
    store.topUp([incidentFixture({ channel: '110', receivedAt: at(START + 6 * MIN + 1_000) })], START + 6 * MIN + 2_000);
    const t = store.trend!;
    expect(t.start).toBe(START + 2 * MIN);
    expect(t.byChannel['110']).toEqual([3, 4, 5, 0, 1]);
    expect(t.lastWeek['110']).toEqual([7, 7, 7, null, null]);
    for (const c of CHANNELS) {
      expect(t.byChannel[c]).toHaveLength(5);
      expect(t.lastWeek[c]).toHaveLength(5);
    }
    // a whole window later: all fresh
    store.slide(START + 60 * MIN);
    expect(store.trend!.byChannel['110']).toEqual([0, 0, 0, 0, 0]);
    expect(store.trend!.minutes).toBe(5);
  });

  it('a fresh answer replaces the topped-up counts; bad answers are padded, not trusted', () => {
    const store = useSeriesStore();
    store.apply(series());
    store.topUp([incidentFixture({ channel: '110', receivedAt: at(START) })], START + 4 * MIN);
    store.apply(series());
    expect(store.trend!.byChannel['110']).toEqual([1, 2, 3, 4, 5]);
    expect(store.hotMerchants).toHaveLength(1);

    const short = { ...series(), byChannel: { '110': [9] } } as unknown as StatsSeries;
    store.apply(short);
    expect(store.trend!.byChannel['110']).toEqual([9, 0, 0, 0, 0]);
    expect(store.trend!.byChannel['12345']).toEqual([0, 0, 0, 0, 0]);
  });
});
