// The reports' charts: the ECharts parts they add to the wall's (pie, tooltip, mark line), a light
// "paper" theme (a report is read as a document and printed black on white), and the options.
import { registerTheme, use, type ComposeOption } from 'echarts/core';
import { PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import type { CountBy } from '@jointduty/shared';
// the wall's module registers bar, line, grid, legend and the canvas renderer
import { init, type EChartsType } from '../charts/echarts';
import { FONT_FAMILY } from '../charts/palette';
import { categoryLabel } from '../charts/options/ranking';

use([PieChart, TooltipComponent, MarkLineComponent]);

export type ReportChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

export const PAPER = {
  text: '#1b2330',
  textDim: '#5b6575',
  line: '#c9d1dd',
  split: '#e6eaf0',
  bar: '#2f6fde',
  onTime: '#2f6fde',
  satisfaction: '#1f9d63',
  average: '#d64545',
} as const;

export const PAPER_THEME = 'report-paper';

const axis = {
  axisLine: { show: true, lineStyle: { color: PAPER.line } },
  axisTick: { show: false },
  axisLabel: { color: PAPER.textDim, fontSize: 12 },
  splitLine: { show: true, lineStyle: { color: PAPER.split } },
};

registerTheme(PAPER_THEME, {
  color: ['#2f6fde', '#1f9d63', '#e8892b', '#8a5cd1', '#d64545', '#2aa5b8', '#9aa4b2'],
  backgroundColor: 'transparent',
  textStyle: { color: PAPER.text, fontFamily: FONT_FAMILY, fontSize: 12 },
  legend: { textStyle: { color: PAPER.text, fontSize: 12 } },
  categoryAxis: { ...axis, splitLine: { show: false } },
  valueAxis: { ...axis, axisLine: { show: false } },
  line: { symbol: 'circle', symbolSize: 7, lineStyle: { width: 2.5 } },
  bar: { itemStyle: { borderRadius: [0, 3, 3, 0] } },
});

export { init };
export type { EChartsType };

export interface Bar {
  name: string;
  value: number;
}

/** The n biggest of a count list, biggest first; the rest summed into `others` when there is a rest. */
export function topBars(items: readonly CountBy[], n: number, others: string, label: (c: CountBy) => string = (c) => c.label): Bar[] {
  const sorted = items.filter((c) => c.count > 0).sort((a, b) => b.count - a.count || label(a).localeCompare(label(b), 'zh-CN'));
  const top = sorted.slice(0, n).map((c) => ({ name: label(c), value: c.count }));
  const rest = sorted.slice(n).reduce((sum, c) => sum + c.count, 0);
  return rest > 0 ? [...top, { name: others, value: rest }] : top;
}

/** A category path 市场监管>食品安全 by its last part. */
export const categoryName = (c: CountBy) => categoryLabel(c.label || c.key);

const NAME_WIDTH = 112;
const BAR_ROW = 30;

/** A bar chart's height for n bars: a row each, so few bars are not spread thin. */
export function barsHeight(n: number, withAverage = false): string {
  return `${Math.max(90, n * BAR_ROW + (withAverage ? 34 : 14))}px`;
}

/**
 * Horizontal bars, biggest on top, the figure at each bar's end; `average` draws the city's
 * value as a red line across.
 */
export function barsOption(
  items: readonly Bar[],
  opts: { color?: string; average?: { value: number; name: string }; digits?: number } = {},
): ReportChartOption {
  const digits = opts.digits ?? 0;
  return {
    animation: false,
    tooltip: { trigger: 'item', confine: true },
    grid: { left: NAME_WIDTH + 8, right: 48, top: opts.average ? 24 : 6, bottom: 6 },
    xAxis: { type: 'value', show: false, min: 0, max: (v: { max: number }) => Math.max(1, v.max) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.name),
      axisLine: { show: false },
      axisLabel: { interval: 0, color: PAPER.text, width: NAME_WIDTH, overflow: 'truncate', ellipsis: '…' },
    },
    series: [
      {
        type: 'bar',
        data: items.map((i) => i.value),
        barMaxWidth: 14,
        itemStyle: { color: opts.color ?? PAPER.bar },
        label: { show: true, position: 'right', color: PAPER.text, formatter: (p: { value: unknown }) => Number(p.value).toFixed(digits) },
        markLine: opts.average
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: PAPER.average, type: 'dashed', width: 1.5 },
              label: { position: 'start', color: PAPER.average, formatter: `${opts.average.name} ${opts.average.value.toFixed(digits)}` },
              data: [{ xAxis: opts.average.value }],
            }
          : undefined,
      },
    ],
  };
}

/** A ring of shares (intake by channel), each slice named with its count. */
export function pieOption(items: ReadonlyArray<Bar & { color?: string }>): ReportChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）', confine: true },
    legend: { orient: 'vertical', right: 4, top: 'middle', itemWidth: 12, itemHeight: 12 },
    series: [
      {
        type: 'pie',
        radius: ['42%', '72%'],
        center: ['36%', '50%'],
        label: { show: true, formatter: '{c}', color: PAPER.text },
        labelLine: { length: 6, length2: 6 },
        data: items.map((i) => ({ name: i.name, value: i.value, itemStyle: i.color ? { color: i.color } : undefined })),
      },
    ],
  };
}

export interface TrendLine {
  name: string;
  color: string;
  /** 0..1 per month, null where nothing counted (a gap, not a fall to 0) */
  values: Array<number | null>;
}

/** Rates per month as percentages, one line each, 0–100 %. */
export function trendOption(months: readonly string[], lines: readonly TrendLine[]): ReportChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
    legend: { top: 0, left: 'center' },
    // room above the 100 % line for the legend and the points' figures
    grid: { left: 44, right: 24, top: 52, bottom: 24 },
    xAxis: { type: 'category', data: [...months], boundaryGap: true, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { formatter: '{value}%' } },
    series: lines.map((l) => ({
      type: 'line' as const,
      name: l.name,
      connectNulls: false,
      itemStyle: { color: l.color },
      lineStyle: { color: l.color },
      label: {
        show: true,
        position: 'top' as const,
        color: l.color,
        formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value.toFixed(1)}` : ''),
      },
      data: l.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
    })),
  };
}
