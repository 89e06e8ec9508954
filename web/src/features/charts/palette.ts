import type { Channel, Severity } from '@jointduty/shared';

// The dark theme's colours as the charts need them (canvas cannot read CSS variables cheaply);
// palette.spec.ts checks they are the same as app/styles.css.
export const PALETTE = {
  bg: '#060b16',
  panel: '#0d1628',
  raised: '#14213a',
  border: '#22324f',
  text: '#e6edf7',
  textDim: '#8fa0bb',
  accent: '#3aa0ff',
  ok: '#2fc26b',
  warn: '#f5a524',
  danger: '#ff4d4f',
} as const;

export const SEVERITY_COLORS: Record<Severity, string> = {
  general: '#3d8bff',
  urgent: '#ff8a1f',
  major: '#ff3b3b',
};

export const CHANNEL_COLORS: Record<Channel, string> = {
  '12345': '#2f9bff',
  '12315': '#22c1a3',
  '110': '#ff5a5f',
  sentiment: '#b37bff',
};

export const FONT_FAMILY = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', system-ui, sans-serif";
