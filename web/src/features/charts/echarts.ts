// The one place ECharts is put together: only the charts and components the wall draws, the
// canvas renderer, and the dark theme, registered once when this module is first imported.
import { init, registerMap, registerTheme, use, type ComposeOption, type EChartsType } from 'echarts/core';
import {
  BarChart,
  EffectScatterChart,
  GaugeChart,
  LineChart,
  MapChart,
  type BarSeriesOption,
  type EffectScatterSeriesOption,
  type GaugeSeriesOption,
  type LineSeriesOption,
  type MapSeriesOption,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  VisualMapComponent,
  type GeoComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { CHANNELS } from '@jointduty/shared';
import { CHANNEL_COLORS, FONT_FAMILY, PALETTE } from './palette';

use([
  BarChart,
  EffectScatterChart,
  GaugeChart,
  LineChart,
  MapChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type WallChartOption = ComposeOption<
  | BarSeriesOption
  | EffectScatterSeriesOption
  | GaugeSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | GeoComponentOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

export const WALL_THEME = 'wall-dark';

const axis = {
  axisLine: { show: true, lineStyle: { color: PALETTE.border } },
  axisTick: { show: false },
  axisLabel: { color: PALETTE.textDim, fontSize: 16 },
  splitLine: { show: true, lineStyle: { color: PALETTE.border, type: 'dashed' } },
};

registerTheme(WALL_THEME, {
  color: CHANNELS.map((c) => CHANNEL_COLORS[c]),
  backgroundColor: 'transparent',
  textStyle: { color: PALETTE.text, fontFamily: FONT_FAMILY, fontSize: 18 },
  legend: { textStyle: { color: PALETTE.textDim, fontSize: 18 }, inactiveColor: PALETTE.border },
  categoryAxis: { ...axis, splitLine: { show: false } },
  valueAxis: { ...axis, axisLine: { show: false } },
  line: { symbol: 'none', lineStyle: { width: 3 } },
  bar: { itemStyle: { borderRadius: [0, 4, 4, 0] } },
  geo: {
    itemStyle: { areaColor: PALETTE.raised, borderColor: '#3d5f95', borderWidth: 1.2 },
    label: { color: PALETTE.text },
  },
  map: {
    itemStyle: { areaColor: PALETTE.raised, borderColor: '#3d5f95', borderWidth: 1.2 },
    label: { color: PALETTE.text },
  },
  visualMap: { textStyle: { color: PALETTE.textDim, fontSize: 16 } },
});

export { init, registerMap };
export type { EChartsType };
