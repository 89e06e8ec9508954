import type { AuditService } from '../audit/audit.service';
import { loadConfig } from '../config/config.loader';
import type { Db } from '../infra/database/db';
import { ProfilesService } from './profiles.service';
import { watchAreaInText } from '../correlation/engine/watch-areas';
import { normalizeText } from '../correlation/engine/text/segmenter';

// The shipped profiles (config/profiles.yaml) by their dates, in the city's time zone.
const config = loadConfig({ env: {} });
const profiles = new ProfilesService(config, {} as Db, {} as AuditService);
const at = (iso: string) => Date.parse(iso);

describe('ProfilesService', () => {
  it('switches a profile on for its dates, both days included, in the city time zone', () => {
    expect(profiles.active(at('2026-07-16T23:59:00+08:00'))).toBeNull();
    expect(profiles.active(at('2026-07-17T00:01:00+08:00'))?.profile.id).toBe('beer-festival');
    // 23:30 on the last day in Qingdao is still 15:30 UTC of that day
    expect(profiles.active(at('2026-08-09T23:30:00+08:00'))?.profile.id).toBe('beer-festival');
    expect(profiles.active(at('2026-08-10T00:10:00+08:00'))).toBeNull();
    expect(profiles.active(at('2026-10-03T12:00:00+08:00'))).toMatchObject({ profile: { id: 'golden-week' }, manual: false });
    expect(profiles.active(at('2026-11-23T12:00:00+08:00'))).toBeNull();
  });

  it('gives a rule its params under the profile, and the watch area’s on top', () => {
    const rule = config.rules.find((r) => r.id === 'group-complaint')!;
    const inFestival = at('2026-07-20T20:00:00+08:00');
    expect(profiles.paramsFor(rule, null, inFestival).minComplainants).toBe(5);
    expect(profiles.paramsFor(rule, '金沙滩啤酒城', inFestival).minComplainants).toBe(3);
    const viral = config.rules.find((r) => r.id === 'viral-post')!;
    expect(profiles.paramsFor(viral, null, inFestival).minEngagement).toBe(500);
    expect(profiles.paramsFor(viral, null, at('2026-11-23T12:00:00+08:00')).minEngagement).toBe(1000);
  });

  it('puts a record in a watch area of the active profile only', () => {
    const areaAt = (text: string, now: number) => watchAreaInText(profiles.active(now)?.profile, normalizeText(text));
    expect(areaAt('金沙滩啤酒城门口人太多', at('2026-07-20T20:00:00+08:00'))).toBe('金沙滩啤酒城');
    expect(areaAt('金沙滩啤酒城门口人太多', at('2026-11-23T20:00:00+08:00'))).toBeNull();
    expect(areaAt('崂山仰口景区排队', at('2026-10-02T10:00:00+08:00'))).toBe('崂山景区');
  });
});
