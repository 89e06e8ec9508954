import { PALETTE } from '../palette';
import type { WallChartOption } from '../echarts';

export interface RankItem {
  name: string;
  value: number;
}

/** The n biggest entries of a count record, biggest first (ties by name), empty keys left out. */
export function topEntries(
  counts: Record<string, number> | null | undefined,
  n: number,
  label: (key: string) => string = (k) => k,
): RankItem[] {
  return Object.entries(counts ?? {})
    .filter(([k, v]) => k !== '' && k !== 'null' && Number.isFinite(v) && v > 0)
    .map(([k, v]) => ({ name: label(k), value: v }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, n);
}

/** A category path 市场监管>食品安全 shown by its last part. */
export function categoryLabel(path: string): string {
  const parts = path.split('>');
  return parts[parts.length - 1] || path;
}

/** Merchants of the series, one row per name (two events about one merchant add up), top n. */
export function merchantItems(hot: ReadonlyArray<{ name: string; incidents: number }> | null | undefined, n: number): RankItem[] {
  const byName: Record<string, number> = {};
  for (const m of hot ?? []) byName[m.name] = (byName[m.name] ?? 0) + m.incidents;
  return topEntries(byName, n);
}

export interface RankingStyle {
  color: string;
  /** the width of the name column, in px of the design canvas */
  nameWidth?: number;
}

/** Horizontal bars, biggest on top, the count at the end of each bar. */
export function rankingOption(items: readonly RankItem[], { color, nameWidth = 150 }: RankingStyle): WallChartOption {
  return {
    animationDuration: 300,
    animationDurationUpdate: 300,
    grid: { left: nameWidth + 12, right: 64, top: 2, bottom: 2 },
    xAxis: { type: 'value', show: false, min: 0, max: (v: { max: number }) => Math.max(1, v.max) },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.name),
      axisLine: { show: false },
      // every name shown, however tight: a ranking with gaps in it reads wrong
      axisLabel: { interval: 0, color: PALETTE.text, fontSize: 18, width: nameWidth, overflow: 'truncate', ellipsis: '…' },
    },
    series: [
      {
        type: 'bar',
        data: items.map((i) => i.value),
        barMaxWidth: 16,
        itemStyle: { color },
        showBackground: true,
        backgroundStyle: { color: 'rgba(255,255,255,0.04)' },
        label: { show: true, position: 'right', color: PALETTE.text, fontSize: 18, fontWeight: 'bold' },
        silent: true,
      },
    ],
  };
}
