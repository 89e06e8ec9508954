import { describe, expect, it } from 'vitest';
import { CHANNELS, SEVERITIES } from '@jointduty/shared';
import { CHANNEL_COLORS, PALETTE, SEVERITY_COLORS } from './palette';

// Node's fs, untyped (the web's types are the browser's); vitest hands CSS imports over empty
const fsModule = 'node:fs';
const { readFileSync } = (await import(/* @vite-ignore */ fsModule)) as { readFileSync(path: string, encoding: 'utf8'): string };
const here = decodeURIComponent(import.meta.url.replace(/^file:\/\//, '').replace(/[^/]*$/, ''));
const css = readFileSync(`${here}../../app/styles.css`, 'utf8');
const cssVar = (name: string) => new RegExp(`--${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim();

// the charts must speak the same colours as the alert list and the counts strip
describe('chart palette', () => {
  it('matches the severity and channel colours of styles.css', () => {
    for (const s of SEVERITIES) expect(SEVERITY_COLORS[s]).toBe(cssVar(s));
    for (const c of CHANNELS) expect(CHANNEL_COLORS[c]).toBe(cssVar(`ch-${c}`));
  });

  it('matches the theme colours', () => {
    const names: Record<keyof typeof PALETTE, string> = {
      bg: 'bg',
      panel: 'bg-panel',
      raised: 'bg-raised',
      border: 'border',
      text: 'text',
      textDim: 'text-dim',
      accent: 'accent',
      ok: 'ok',
      warn: 'warn',
      danger: 'danger',
    };
    for (const [key, name] of Object.entries(names)) expect(PALETTE[key as keyof typeof PALETTE]).toBe(cssVar(name));
  });
});
