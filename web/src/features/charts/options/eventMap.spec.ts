import { describe, expect, it } from 'vitest';
import { eventMapOption, EVENT_ZOOM } from './eventMap';
import { SEVERITY_COLORS } from '../palette';
import type { CityMap } from '../cityMap';

const map: CityMap = {
  name: 'city',
  districts: ['市南区', '市北区', '黄岛区'],
  centroids: { 市南区: [120.39, 36.07], 市北区: [120.37, 36.1], 黄岛区: [120.1, 35.95] },
};

describe('the leader’s event map', () => {
  it('zooms to the event’s district, fills its districts and marks each once, the first largest', () => {
    const o = eventMapOption(map, ['市南区', '市南区', '黄岛区', null, '不存在区'], 'major') as any;
    expect(o.geo.center).toEqual([120.39, 36.07]);
    expect(o.geo.zoom).toBe(EVENT_ZOOM);
    expect(o.geo.regions.map((r: any) => r.name)).toEqual(['市南区', '黄岛区']);
    expect(o.series[0].data.map((d: any) => [d.name, d.symbolSize])).toEqual([
      ['市南区', 20],
      ['黄岛区', 12],
    ]);
    expect(o.series[0].itemStyle.color).toBe(SEVERITY_COLORS.major);
  });

  it('shows the whole city, unzoomed and unmarked, for an event with no known district', () => {
    const o = eventMapOption(map, [null, '外地'], null) as any;
    expect(o.geo.zoom).toBeUndefined();
    expect(o.geo.center).toBeUndefined();
    expect(o.series[0].data).toEqual([]);
    expect(o.series[0].itemStyle.color).toBe(SEVERITY_COLORS.general);
  });
});
