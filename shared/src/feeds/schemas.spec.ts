import { validateFeedRecord } from './validate';

const t = '2026-07-20T21:05:00+08:00';

describe('feed schemas (CONTRACT §2)', () => {
  describe('12345', () => {
    const ok = { orderNo: 'GD1', acceptedAt: t, appealType: '投诉', content: '大排档宰客' };
    it('accepts the required fields alone and every optional one', () => {
      expect(validateFeedRecord('12345', ok).ok).toBe(true);
      const full = {
        ...ok,
        source: 'wechat',
        category: '市场监管>价格监管',
        title: '宰客',
        address: '市北区登州路',
        district: '市北区',
        location: { lng: 120.35, lat: 36.08 },
        citizen: { name: '张三', phone: '13812345678' },
        urgency: '紧急',
        dueAt: '2026-07-25T21:05:00+08:00',
        department: '市场监管局',
      };
      expect(validateFeedRecord('12345', full).ok).toBe(true);
    });
    it('names each missing required field', () => {
      const r = validateFeedRecord('12345', {});
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.errors.sort()).toEqual([
          'acceptedAt: is required',
          'appealType: is required',
          'content: is required',
          'orderNo: is required',
        ]);
    });
    it('accepts Z and ±hh:mm offsets, and the city time platforms export without one (§11)', () => {
      expect(validateFeedRecord('12345', { ...ok, acceptedAt: '2026-07-20T13:05:00Z' }).ok).toBe(true);
      expect(validateFeedRecord('12345', { ...ok, acceptedAt: '2026-07-20T13:05:00.123-05:00' }).ok).toBe(true);
      const at = (acceptedAt: string) => {
        const r = validateFeedRecord('12345', { ...ok, acceptedAt });
        return r.ok ? r.record.acceptedAt : r.errors;
      };
      // read as Asia/Shanghai and answered with its offset
      expect(at('2026-07-20 21:05:00')).toBe('2026-07-20T21:05:00+08:00');
      expect(at('2026/07/20 21:05:00')).toBe('2026-07-20T21:05:00+08:00');
      expect(at('2026/7/5 9:05')).toBe('2026-07-05T09:05:00+08:00');
      expect(at('2026-07-20T21:05')).toBe('2026-07-20T21:05:00+08:00');
      expect(at('2026-07-20T21:05:00+08:00')).toBe('2026-07-20T21:05:00+08:00');
    });
    it.each([
      '2026-02-30 10:00:00',
      '2026-06-31T10:00:00+08:00',
      '2026-07-20T24:00:00+08:00',
      '2026-07-20 24:00',
      '2026-13-01 10:00:00',
      '2026-07-20 21:60:00',
      '2026-07-20 21:05:61',
      '2027-02-29 08:00:00',
      '2026-07-20',
      '20260720 210500',
      '2026-07-20 21:05:00 +08',
      '2026.07.20 21:05',
    ])('refuses %s naming the field', (acceptedAt) => {
      const r = validateFeedRecord('12345', { ...ok, acceptedAt });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(/^acceptedAt: /);
    });
    it('takes the spellings config/feeds.yaml maps (aliases), and numbers sent as strings', () => {
      const aliases = {
        appealType: { 求决: '求助' },
        urgency: { 特急: '紧急' },
        alarmType: { 群体事件: '群体性事件' },
        kind: { 消费投诉: '投诉' },
      };
      const r = validateFeedRecord('12345', { ...ok, appealType: '求决', urgency: ' 特急 ' }, aliases);
      expect(r.ok && [r.record.appealType, r.record.urgency]).toEqual(['求助', '紧急']);
      // without the aliases, or a spelling not listed: refused naming the field
      expect(validateFeedRecord('12345', { ...ok, appealType: '求决' }).ok).toBe(false);
      const unknown = validateFeedRecord('12345', { ...ok, urgency: '极急' }, aliases);
      expect(!unknown.ok && unknown.errors[0]).toMatch(/^urgency: must be one of/);
      const police = validateFeedRecord(
        '110',
        { caseNo: 'JJ1', reportedAt: t, alarmType: '群体事件', summary: '聚集', address: '台东', level: '1', casualties: '2' },
        aliases,
      );
      expect(police.ok && [police.record.alarmType, police.record.level, police.record.casualties]).toEqual(['群体性事件', 1, 2]);
      const consumer = validateFeedRecord(
        '12315',
        { regNo: 'DJ1', kind: '消费投诉', receivedAt: t, content: '退款', merchant: { name: '某店' }, amount: '100.00' },
        aliases,
      );
      expect(consumer.ok && [consumer.record.kind, consumer.record.amount]).toEqual(['投诉', 100]);
      for (const level of ['1.5', '一级', '', '1e2']) {
        const bad = validateFeedRecord('110', { caseNo: 'JJ1', reportedAt: t, alarmType: '治安', summary: '聚集', address: '台东', level });
        expect(!bad.ok && bad.errors[0]).toMatch(/^level: /);
      }
    });
    it('takes deadlines days ahead, not years', () => {
      const inDays = new Date(Date.now() + 15 * 86400_000).toISOString();
      expect(validateFeedRecord('12345', { ...ok, dueAt: inDays }).ok).toBe(true);
      expect(validateFeedRecord('12345', { ...ok, dueAt: '2099-01-01T00:00:00+08:00' }).ok).toBe(false);
    });
    it('counts characters, not UTF-16 units: 5000 emoji fit', () => {
      expect(validateFeedRecord('12345', { ...ok, content: '🍺'.repeat(5000) }).ok).toBe(true);
      expect(validateFeedRecord('12345', { ...ok, content: '🍺'.repeat(5001) }).ok).toBe(false);
    });
  });

  describe('12315', () => {
    const ok = { regNo: 'DJ1', kind: '咨询', receivedAt: t, content: '预付卡能退吗' };
    it('needs a merchant only for 投诉 and 举报', () => {
      expect(validateFeedRecord('12315', ok).ok).toBe(true);
      expect(validateFeedRecord('12315', { ...ok, kind: '投诉' })).toEqual({ ok: false, errors: ['merchant: is required for 投诉'] });
      expect(validateFeedRecord('12315', { ...ok, kind: '举报', merchant: { name: '某健身房', uscc: '91350100M000100Y43' } }).ok).toBe(
        true,
      );
    });
    it('checks the USCC check character', () => {
      const r = validateFeedRecord('12315', { ...ok, merchant: { name: 'x', uscc: '91350100M000100Y40' } });
      expect(r).toEqual({ ok: false, errors: ['merchant.uscc: check character does not match (GB 32100-2015)'] });
    });
    it('takes amounts ≥ 0 in yuan', () => {
      expect(validateFeedRecord('12315', { ...ok, amount: 0 }).ok).toBe(true);
      expect(validateFeedRecord('12315', { ...ok, amount: 99.5 }).ok).toBe(true);
      expect(validateFeedRecord('12315', { ...ok, amount: -0.01 }).ok).toBe(false);
    });
  });

  describe('110', () => {
    const ok = { caseNo: 'JJ1', reportedAt: t, alarmType: '群体性事件', summary: '聚集', address: '台东' };
    it('requires an address and takes levels 1–4', () => {
      expect(validateFeedRecord('110', ok).ok).toBe(true);
      expect(validateFeedRecord('110', { ...ok, level: 1 }).ok).toBe(true);
      expect(validateFeedRecord('110', { ...ok, level: 5 }).ok).toBe(false);
      expect(validateFeedRecord('110', { ...ok, address: undefined })).toEqual({ ok: false, errors: ['address: is required'] });
    });
  });

  describe('sentiment', () => {
    const ok = { postId: 'WB1', platform: 'douyin', publishedAt: t, text: '#青岛啤酒节# 太挤了' };
    it('takes http and https urls only', () => {
      expect(validateFeedRecord('sentiment', { ...ok, url: 'https://weibo.com/1/abc?x=1#y' }).ok).toBe(true);
      expect(validateFeedRecord('sentiment', { ...ok, url: 'http://news.example.cn/a.html' }).ok).toBe(true);
      for (const bad of ['ftp://x.cn/a', 'javascript:alert(1)', '//weibo.com/a', 'https://user:pw@x.cn', 'https://exa mple.com']) {
        expect(validateFeedRecord('sentiment', { ...ok, url: bad }).ok).toBe(false);
      }
    });
    it('takes whole non-negative metrics and a topic list', () => {
      expect(
        validateFeedRecord('sentiment', {
          ...ok,
          metrics: { reposts: 0, comments: 5, likes: 10, views: 100000 },
          topics: ['青岛国际啤酒节'],
        }).ok,
      ).toBe(true);
      expect(validateFeedRecord('sentiment', { ...ok, metrics: { views: 1.5 } }).ok).toBe(false);
      expect(validateFeedRecord('sentiment', { ...ok, topics: [1] }).ok).toBe(false);
    });
  });

  it('refuses prototype keys and deep nesting by name', () => {
    const evil = JSON.parse(
      '{"postId":"a","platform":"weibo","publishedAt":"2026-07-20T21:05:00+08:00","text":"x","author":{"__proto__":{"polluted":1}}}',
    );
    expect(validateFeedRecord('sentiment', evil)).toEqual({ ok: false, errors: ['author.__proto__: forbidden key'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps unknown extra fields out of the parsed record but does not refuse them', () => {
    const r = validateFeedRecord('110', {
      caseNo: 'JJ2',
      reportedAt: t,
      alarmType: '其他',
      summary: 's',
      address: 'a',
      station: '台东派出所',
    });
    expect(r.ok).toBe(true);
  });
});
