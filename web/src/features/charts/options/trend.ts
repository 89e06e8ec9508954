import { CHANNELS, type Channel } from '@jointduty/shared';
import { formatTime } from '../../../app/format';
import { CHANNEL_COLORS } from '../palette';
import type { WallChartOption } from '../echarts';

/** Incidents per minute per channel, from `start` (ms), one entry per minute; last week may have gaps. */
export interface TrendData {
  start: number;
  minutes: number;
  byChannel: Record<Channel, number[]>;
  lastWeek: Record<Channel, Array<number | null>>;
}

export interface TrendLabels {
  channel: Record<Channel, string>;
  /** appended to a channel's name for its last-week line */
  lastWeek: string;
}

export const MINUTE = 60_000;

/** One solid line per channel for now, one dashed, fainter line per channel for the same minutes last week. */
export function trendOption(data: TrendData, labels: TrendLabels): WallChartOption {
  const times = Array.from({ length: data.minutes }, (_, i) => formatTime(data.start + i * MINUTE).slice(0, 5));
  const lastWeek = CHANNELS.map((c) => ({
    type: 'line' as const,
    name: `${labels.channel[c]} ${labels.lastWeek}`,
    data: data.lastWeek[c] ?? [],
    showSymbol: false,
    silent: true,
    lineStyle: { type: 'dashed' as const, width: 2, opacity: 0.55, color: CHANNEL_COLORS[c] },
    itemStyle: { color: CHANNEL_COLORS[c] },
    z: 1,
  }));
  const current = CHANNELS.map((c) => ({
    type: 'line' as const,
    name: labels.channel[c],
    data: data.byChannel[c] ?? [],
    showSymbol: false,
    silent: true,
    lineStyle: { type: 'solid' as const, width: 3, color: CHANNEL_COLORS[c] },
    itemStyle: { color: CHANNEL_COLORS[c] },
    z: 2,
  }));
  return {
    animation: false,
    legend: {
      data: CHANNELS.map((c) => labels.channel[c]),
      top: 0,
      left: 0,
      itemWidth: 22,
      itemHeight: 10,
      itemGap: 18,
      textStyle: { fontSize: 18 },
      selectedMode: false,
    },
    grid: { left: 44, right: 14, top: 38, bottom: 28 },
    xAxis: { type: 'category', boundaryGap: false, data: times, axisLabel: { interval: 29, fontSize: 16 } },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 16 } },
    series: [...lastWeek, ...current],
  };
}
