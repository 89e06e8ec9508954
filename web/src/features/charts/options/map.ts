import { SEVERITIES, type Alert, type Severity } from '@jointduty/shared';
import { CITY_MAP, type CityMap } from '../cityMap';
import { spread, type LngLat } from '../geo';
import { PALETTE, SEVERITY_COLORS } from '../palette';
import type { WallChartOption } from '../echarts';

export const MAX_MARKERS = 60;
export const DENSITY_COLORS = ['#122544', '#1b4a7a', '#2a77b8', '#5fb4ff'];
const SYMBOL_SIZE: Record<Severity, number> = { general: 13, urgent: 16, major: 21 };
const RANK: Record<Severity, number> = { general: 0, urgent: 1, major: 2 };

export interface AlertMarker {
  id: string;
  severity: Severity;
  district: string;
  coord: LngLat;
}

/**
 * One marker per open alert with a district on the map, at the district's centroid; several in
 * one district are spread around it, oldest in the middle, so a new one does not move the others.
 * At most MAX_MARKERS: the most severe, then the newest.
 */
export function alertMarkers(alerts: readonly Alert[], centroids: Record<string, LngLat>): AlertMarker[] {
  const open = alerts
    .filter((a) => a.status !== 'resolved' && a.district !== null && centroids[a.district] !== undefined)
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .slice(0, MAX_MARKERS);
  const byDistrict = new Map<string, Alert[]>();
  for (const a of open) {
    const list = byDistrict.get(a.district!) ?? [];
    list.push(a);
    byDistrict.set(a.district!, list);
  }
  const out: AlertMarker[] = [];
  for (const [district, list] of byDistrict) {
    list.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
    list.forEach((a, i) => out.push({ id: a.id, severity: a.severity, district, coord: spread(centroids[district]!, i) }));
  }
  return out;
}

export interface MapLabels {
  /** the visual map's ends */
  high: string;
  low: string;
}

/** Today's incidents per district as colour, and a pulsing marker per open alert coloured by severity. */
export function mapOption(
  map: CityMap,
  byDistrict: Record<string, number> | null | undefined,
  alerts: readonly Alert[],
  labels: MapLabels,
): WallChartOption {
  const counts = map.districts.map((name) => ({ name, value: Number(byDistrict?.[name] ?? 0) || 0 }));
  const highest = Math.max(0, ...counts.map((c) => c.value));
  const markers = alertMarkers(alerts, map.centroids);
  return {
    // the ripples are an effect, not an animation: they keep pulsing with animation off
    animation: false,
    geo: {
      map: CITY_MAP,
      roam: false,
      silent: true,
      layoutCenter: ['54%', '50%'],
      layoutSize: '98%',
      label: { show: true, fontSize: 15, color: PALETTE.text, textBorderColor: PALETTE.bg, textBorderWidth: 3 },
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max: Math.max(5, highest),
      calculable: false,
      left: 0,
      bottom: 4,
      itemWidth: 14,
      itemHeight: 110,
      text: [labels.high, labels.low],
      textGap: 6,
      inRange: { color: DENSITY_COLORS },
    },
    series: [
      { type: 'map', geoIndex: 0, data: counts, silent: true },
      ...SEVERITIES.map((severity) => ({
        type: 'effectScatter' as const,
        name: severity,
        coordinateSystem: 'geo' as const,
        data: markers.filter((m) => m.severity === severity).map((m) => ({ name: m.id, value: m.coord })),
        symbolSize: SYMBOL_SIZE[severity],
        itemStyle: { color: SEVERITY_COLORS[severity], borderColor: '#ffffff', borderWidth: 1.5 },
        rippleEffect: { brushType: 'stroke' as const, scale: severity === 'major' ? 4 : 3, period: severity === 'major' ? 2 : 4 },
        showEffectOn: 'render' as const,
        // the ripples repaint their own layer, not the map under them
        zlevel: 1,
        z: 2 + RANK[severity],
        silent: true,
      })),
    ],
  };
}
