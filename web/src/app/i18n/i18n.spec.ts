import { describe, expect, it } from 'vitest';
import {
  ALERT_STATUSES,
  CHANNELS,
  DISPATCH_STATUSES,
  DISPATCH_STEPS,
  INCIDENT_FLAGS,
  PLATFORMS,
  ROLES,
  SEVERITIES,
} from '@jointduty/shared';
import { createAppI18n, messages } from './index';
import { zhCN } from './zh-CN';
import { en } from './en';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('i18n', () => {
  it('has the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('has no empty text', () => {
    for (const [locale, m] of Object.entries(messages)) {
      for (const k of keys(m)) {
        const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m);
        expect(typeof value === 'string' && value.length > 0, `${locale} ${k}`).toBe(true);
      }
    }
  });

  it('names every channel, severity, status, flag, role and dispatch step in both languages', () => {
    const i18n = createAppI18n('zh-CN');
    const { t, te } = i18n.global;
    const wanted = [
      ...CHANNELS.map((c) => `channel.${c}`),
      ...CHANNELS.map((c) => `channelShort.${c}`),
      ...PLATFORMS.map((p) => `platform.${p}`),
      ...SEVERITIES.map((s) => `severity.${s}`),
      ...ALERT_STATUSES.map((s) => `alertStatus.${s}`),
      ...INCIDENT_FLAGS.map((f) => `flag.${f}`),
      ...ROLES.map((r) => `role.${r}`),
      ...DISPATCH_STEPS.map((s) => `field.steps.${s}`),
      ...DISPATCH_STATUSES.map((s) => `field.status.${s}`),
      'locale.zh-CN',
      'locale.en',
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const k of wanted) expect(te(k, locale), `${locale} ${k}`).toBe(true);
    }
    expect(t('channel.12345')).toBe('12345 热线');
    expect(t('severity.major')).toBe('重大');
    expect(t('alertStatus.open')).toBe('待处置');
    expect(t('wall.staleBanner', { seconds: 61 })).toContain('61');
  });

  it('defaults to Chinese', () => {
    localStorage.clear();
    expect(createAppI18n().global.locale.value).toBe('zh-CN');
  });
});
