import type { Severity } from '@jointduty/shared';
import { CITY_MAP, type CityMap } from '../cityMap';
import { PALETTE, SEVERITY_COLORS } from '../palette';
import type { WallChartOption } from '../echarts';

/** How close the leader's map comes to the event's district; the whole city when it has none. */
export const EVENT_ZOOM = 3;

/**
 * The city map zoomed to one event: its districts filled, a pulsing marker at each (the event's
 * own district first and largest), the other districts dimmed but named, so a leader sees at once
 * where in the city it is.
 */
export function eventMapOption(map: CityMap, districts: readonly (string | null)[], severity: Severity | null): WallChartOption {
  const known = [...new Set(districts.filter((d): d is string => d !== null && map.centroids[d] !== undefined))];
  const main = known[0] ?? null;
  const color = SEVERITY_COLORS[severity ?? 'general'];
  return {
    animation: false,
    geo: {
      map: CITY_MAP,
      roam: false,
      silent: true,
      ...(main ? { center: map.centroids[main], zoom: EVENT_ZOOM } : { layoutCenter: ['50%', '50%'], layoutSize: '95%' }),
      label: { show: true, fontSize: 12, color: PALETTE.textDim, textBorderColor: PALETTE.bg, textBorderWidth: 2 },
      itemStyle: { areaColor: '#122544', borderColor: '#2a4a74' },
      regions: known.map((name) => ({
        name,
        itemStyle: { areaColor: '#1b4a7a', borderColor: color, borderWidth: 2 },
        label: { color: PALETTE.text, fontWeight: 'bold' as const },
      })),
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    series: [
      {
        type: 'effectScatter',
        coordinateSystem: 'geo',
        data: known.map((name, i) => ({ name, value: map.centroids[name]!, symbolSize: i === 0 ? 20 : 12 })),
        itemStyle: { color, borderColor: '#ffffff', borderWidth: 1.5 },
        rippleEffect: { brushType: 'stroke', scale: 4, period: 2.5 },
        showEffectOn: 'render',
        zlevel: 1,
        silent: true,
      },
    ],
  };
}
