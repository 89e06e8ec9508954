import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '@jointduty/shared';
import { alertFixture } from '../../../test/fixtures';
import type { CityMap } from '../cityMap';
import { CHANNEL_COLORS, PALETTE, SEVERITY_COLORS } from '../palette';
import { gaugeOption, NO_RATE, percent } from './gauge';
import { alertMarkers, DENSITY_COLORS, MAX_MARKERS, mapOption } from './map';
import { categoryLabel, merchantItems, rankingOption, topEntries } from './ranking';
import { trendOption, type TrendData } from './trend';

// ECharts options are plain objects: the builders are checked as data, no canvas needed
type AnySeries = Record<string, any>;
const seriesOf = (option: unknown): AnySeries[] => (option as { series: AnySeries[] }).series;

const city: CityMap = {
  name: 'city',
  districts: ['市南区', '市北区', '崂山区'],
  centroids: { 市南区: [120.38, 36.07], 市北区: [120.37, 36.1], 崂山区: [120.55, 36.15] },
};
const labels = { high: '多', low: '少' };

describe('mapOption', () => {
  it('colours each district of the map by today’s incidents, scaled to the busiest', () => {
    const option = mapOption(city, { 市南区: 12, 市北区: 40, 未知: 99 }, [], labels) as Record<string, any>;
    const map = seriesOf(option)[0]!;
    expect(map).toMatchObject({ type: 'map', geoIndex: 0 });
    // every district, with 0 where nothing came in; names that are not on the map are left out
    expect(map.data).toEqual([
      { name: '市南区', value: 12 },
      { name: '市北区', value: 40 },
      { name: '崂山区', value: 0 },
    ]);
    expect(option.visualMap).toMatchObject({ seriesIndex: 0, min: 0, max: 40, text: ['多', '少'], inRange: { color: DENSITY_COLORS } });
    expect(option.geo).toMatchObject({ map: 'city', roam: false });
    // a quiet morning still has a sensible scale
    expect((mapOption(city, {}, [], labels) as Record<string, any>).visualMap.max).toBe(5);
  });

  it('puts one pulsing marker per open alert, in one series per severity with its colour', () => {
    const alerts = [
      alertFixture({ severity: 'major', district: '市南区' }),
      alertFixture({ severity: 'major', district: '崂山区', status: 'acknowledged' }),
      alertFixture({ severity: 'urgent', district: '市北区', status: 'dispatched' }),
      alertFixture({ severity: 'general', district: '市北区' }),
      alertFixture({ severity: 'major', district: '市南区', status: 'resolved' }), // resolved: no marker
      alertFixture({ severity: 'urgent', district: null }), // nowhere to put it
      alertFixture({ severity: 'urgent', district: '外地' }), // not on the map
    ];
    const series = seriesOf(mapOption(city, {}, alerts, labels)).filter((s) => s.type === 'effectScatter');
    expect(series.map((s) => [s.name, s.data.length, s.itemStyle.color])).toEqual([
      ['general', 1, SEVERITY_COLORS.general],
      ['urgent', 1, SEVERITY_COLORS.urgent],
      ['major', 2, SEVERITY_COLORS.major],
    ]);
    expect(series.every((s) => s.coordinateSystem === 'geo' && s.rippleEffect)).toBe(true);
    // major on top, and bigger
    const major = series.find((s) => s.name === 'major')!;
    const general = series.find((s) => s.name === 'general')!;
    expect(major.z).toBeGreaterThan(general.z);
    expect(major.symbolSize).toBeGreaterThan(general.symbolSize);
  });

  it('spreads several alerts in one district around its centroid, the oldest in the middle, and keeps them put as more come', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 6, 20, 12, 0, s)).toISOString();
    const a = alertFixture({ district: '市南区', createdAt: at(1) });
    const b = alertFixture({ district: '市南区', createdAt: at(2) });
    const c = alertFixture({ district: '市南区', createdAt: at(3) });
    const first = alertMarkers([b, a], city.centroids);
    expect(first.find((m) => m.id === a.id)!.coord).toEqual(city.centroids['市南区']);
    const coords = alertMarkers([c, b, a], city.centroids).map((m) => m.coord.join());
    expect(new Set(coords).size).toBe(3);
    // the new alert did not move the earlier ones
    const again = alertMarkers([c, b, a], city.centroids);
    for (const m of first) expect(again.find((x) => x.id === m.id)!.coord).toEqual(m.coord);
    // near the centroid: within a few kilometres
    for (const m of again) {
      expect(Math.abs(m.coord[0] - 120.38)).toBeLessThan(0.2);
      expect(Math.abs(m.coord[1] - 36.07)).toBeLessThan(0.2);
    }
  });

  it('draws at most MAX_MARKERS, keeping the most severe', () => {
    const many = Array.from({ length: MAX_MARKERS + 20 }, () => alertFixture({ severity: 'general' }));
    const major = alertFixture({ severity: 'major' });
    const markers = alertMarkers([...many, major], city.centroids);
    expect(markers).toHaveLength(MAX_MARKERS);
    expect(markers.some((m) => m.id === major.id)).toBe(true);
  });
});

describe('trendOption', () => {
  const perChannel = <T>(make: (c: Channel) => T[]) => Object.fromEntries(CHANNELS.map((c) => [c, make(c)])) as Record<Channel, T[]>;
  const data: TrendData = {
    start: Date.parse('2026-07-20T10:00:00Z'), // 18:00 in Qingdao
    minutes: 3,
    byChannel: perChannel((c) => (c === '110' ? [1, 2, 3] : [0, 0, 1])),
    lastWeek: perChannel<number | null>(() => [4, 5, null]),
  };
  const names = { '12345': '12345', '12315': '12315', '110': '110', sentiment: '舆情' } as const;
  const option = trendOption(data, { channel: names, lastWeek: '上周' }) as Record<string, any>;
  const series = seriesOf(option);

  it('draws a solid line per channel now and a dashed one for the same minutes last week, in the channel’s colour', () => {
    expect(series).toHaveLength(8);
    const now = series.filter((s) => s.lineStyle.type === 'solid');
    const lastWeek = series.filter((s) => s.lineStyle.type === 'dashed');
    expect(now.map((s) => s.name)).toEqual(['12345', '12315', '110', '舆情']);
    expect(lastWeek.map((s) => s.name)).toEqual(['12345 上周', '12315 上周', '110 上周', '舆情 上周']);
    expect(now.find((s) => s.name === '110')!.data).toEqual([1, 2, 3]);
    expect(lastWeek[0]!.data).toEqual([4, 5, null]);
    for (const [i, c] of CHANNELS.entries()) {
      expect(now[i]!.lineStyle.color).toBe(CHANNEL_COLORS[c]);
      expect(lastWeek[i]!.lineStyle.color).toBe(CHANNEL_COLORS[c]);
    }
    expect(lastWeek.every((s) => s.lineStyle.opacity < 1 && s.z < now[0]!.z)).toBe(true);
  });

  it('labels minutes in the city’s time, and lists only the channels in the legend', () => {
    expect(option.xAxis.data).toEqual(['18:00', '18:01', '18:02']);
    expect(option.legend.data).toEqual(['12345', '12315', '110', '舆情']);
    expect(option.animation).toBe(false);
  });
});

describe('gaugeOption', () => {
  const gauge = (rate: number | null) => seriesOf(gaugeOption(rate))[0]!;

  it('shows "—", not 0 %, when there is nothing to rate yet', () => {
    const g = gauge(null);
    expect(g.detail.formatter).toBe(NO_RATE);
    expect(g.detail.color).toBe(PALETTE.textDim);
    expect(g.progress.itemStyle.color).toBe('transparent');
    expect(percent(null)).toBeNull();
    expect(percent(undefined)).toBeNull();
    expect(percent(Number.NaN)).toBeNull();
  });

  it('shows a rate as whole percent, coloured by how good it is; 0 is a real 0 %', () => {
    expect(gauge(0.873)).toMatchObject({ data: [{ value: 87 }], detail: { formatter: '{value}%', color: PALETTE.warn } });
    expect(gauge(0.95).detail.color).toBe(PALETTE.ok);
    expect(gauge(0)).toMatchObject({ data: [{ value: 0 }], detail: { formatter: '{value}%', color: PALETTE.danger } });
    expect(gauge(1.2).data[0].value).toBe(100);
  });
});

describe('rankings', () => {
  it('takes the top n of a count record, biggest first, without empty or unknown keys', () => {
    expect(topEntries({ a: 3, b: 9, c: 3, '': 50, null: 40, d: 0, e: 1 }, 3)).toEqual([
      { name: 'b', value: 9 },
      { name: 'a', value: 3 },
      { name: 'c', value: 3 },
    ]);
    expect(topEntries(null, 5)).toEqual([]);
  });

  it('shows a category by the last part of its path', () => {
    expect(categoryLabel('市场监管>食品安全')).toBe('食品安全');
    expect(categoryLabel('预付卡')).toBe('预付卡');
    expect(topEntries({ '市场监管>食品安全': 4, '城管>占道经营': 7 }, 5, categoryLabel).map((i) => i.name)).toEqual([
      '占道经营',
      '食品安全',
    ]);
  });

  it('ranks the hottest merchants, adding up events about the same merchant, top n only', () => {
    const hot = [
      { name: '浪花渔家大排档', incidents: 3, eventId: 'e1', district: '市北区' },
      { name: '力美健身', incidents: 6, eventId: 'e2', district: '市北区' },
      { name: '浪花渔家大排档', incidents: 4, eventId: 'e3', district: null },
      { name: '海景酒店', incidents: 2, eventId: 'e4', district: '市南区' },
      { name: '小店', incidents: 1, eventId: 'e5', district: '市南区' },
    ];
    expect(merchantItems(hot, 3)).toEqual([
      { name: '浪花渔家大排档', value: 7 },
      { name: '力美健身', value: 6 },
      { name: '海景酒店', value: 2 },
    ]);
    expect(merchantItems(undefined, 3)).toEqual([]);
  });

  it('draws horizontal bars, biggest on top, every name shown', () => {
    const option = rankingOption(
      [
        { name: '甲', value: 5 },
        { name: '乙', value: 2 },
      ],
      { color: '#123456' },
    ) as Record<string, any>;
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['甲', '乙'], axisLabel: { interval: 0 } });
    expect(seriesOf(option)[0]).toMatchObject({ type: 'bar', data: [5, 2], itemStyle: { color: '#123456' }, label: { show: true } });
  });
});
