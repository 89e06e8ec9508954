import { PALETTE } from '../palette';
import type { WallChartOption } from '../echarts';

export const NO_RATE = '—';

/** Green at 90 % and above, amber from 70 %, red below; dim when there is no figure yet. */
export function rateColor(rate: number | null): string {
  if (rate === null) return PALETTE.textDim;
  if (rate >= 0.9) return PALETTE.ok;
  if (rate >= 0.7) return PALETTE.warn;
  return PALETTE.danger;
}

/** A rate 0…1 as whole percent; null (nothing to rate yet) stays null, never 0. */
export function percent(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  return Math.round(Math.min(1, Math.max(0, rate)) * 100);
}

/** A ring gauge with the rate in big figures in the middle, or "—" when there is none. */
export function gaugeOption(rate: number | null | undefined): WallChartOption {
  const value = percent(rate);
  const color = rateColor(value === null ? null : value / 100);
  return {
    animationDuration: 300,
    animationDurationUpdate: 300,
    series: [
      {
        type: 'gauge',
        startAngle: 225,
        endAngle: -45,
        min: 0,
        max: 100,
        radius: '92%',
        center: ['50%', '55%'],
        // always shown: ECharts 6.1 fails when progress goes from hidden to shown on an update
        // (GaugeView reads progress elements it never made); "no rate" is a transparent bar
        progress: { show: true, width: 16, roundCap: true, itemStyle: { color: value === null ? 'transparent' : color } },
        axisLine: { roundCap: true, lineStyle: { width: 16, color: [[1, PALETTE.border]] } },
        pointer: { show: false },
        anchor: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '4%'],
          fontSize: 46,
          fontWeight: 'bold',
          color,
          formatter: value === null ? NO_RATE : '{value}%',
        },
        data: [{ value: value ?? 0 }],
        silent: true,
      },
    ],
  };
}
