import type { AppConfig } from '../config/config.schema';
import { escalationSettings } from './escalation.service';

const withRules = (rules: Array<{ id: string; enabled?: boolean; params?: Record<string, unknown> }>) =>
  ({ rules: rules.map((r) => ({ severity: 'major', title: 't', enabled: true, params: {}, ...r })) }) as unknown as AppConfig;

describe('escalation settings (config/rules.yaml `escalation`)', () => {
  it('waits 5 minutes when the rule is not configured', () => {
    expect(escalationSettings(withRules([]))).toEqual({ enabled: true, waitMs: 300_000, problem: null });
  });

  it('takes the configured minutes, fractions included', () => {
    expect(escalationSettings(withRules([{ id: 'escalation', params: { minutes: 0.5 } }])).waitMs).toBe(30_000);
    expect(escalationSettings(withRules([{ id: 'escalation', params: { minutes: 10 } }])).waitMs).toBe(600_000);
  });

  it('is switched off with enabled: false', () => {
    expect(escalationSettings(withRules([{ id: 'escalation', enabled: false }])).enabled).toBe(false);
  });

  it('names a bad setting and falls back to 5 minutes', () => {
    for (const minutes of [0, -3, 'soon', '', Infinity]) {
      const s = escalationSettings(withRules([{ id: 'escalation', params: { minutes } }]));
      expect(s.waitMs).toBe(300_000);
      expect(s.problem).toMatch(/escalation\.params\.minutes/);
    }
  });
});
