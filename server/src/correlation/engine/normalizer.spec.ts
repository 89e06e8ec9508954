import { toIncidentSummary, validateFeedRecord, type Channel } from '@jointduty/shared';
import { loadConfig } from '../../config/config.loader';
import { DistrictResolver } from './district-resolver';
import { Classifier } from './classifier';
import { normalize, titleFrom } from './normalizer';

const config = loadConfig({ env: { SIMULATOR: 'off' } });
const ctx = {
  receivedAt: new Date('2026-07-20T13:06:00Z'),
  simulated: false,
  resolver: new DistrictResolver(config),
  classifier: new Classifier(config.departments),
};
const t = '2026-07-20T21:05:00+08:00';

function norm(channel: Channel, record: unknown) {
  const v = validateFeedRecord(channel, record);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return normalize(channel, v.record, ctx);
}

describe('normalize', () => {
  it('maps a 12345 work order', () => {
    const i = norm('12345', {
      orderNo: 'GD-1',
      acceptedAt: t,
      appealType: '投诉',
      content: '登州路啤酒街大排档海鲜缺斤短两。老板还骂人',
      address: '青岛市市北区登州路56号',
      citizen: { name: '张伟', phone: '13812345678' },
      dueAt: '2026-07-25T21:05:00+08:00',
      urgency: '紧急',
    });
    expect(i).toMatchObject({
      channel: '12345',
      externalId: 'GD-1',
      occurredAt: '2026-07-20T13:05:00.000Z',
      receivedAt: '2026-07-20T13:06:00.000Z',
      kind: '投诉',
      title: '登州路啤酒街大排档海鲜缺斤短两',
      district: '市北区',
      department: '市场监管局',
      reporter: { name: '张伟', phone: '13812345678' },
      dueAt: '2026-07-25T13:05:00.000Z',
      facts: { urgency: '紧急' },
      flags: [],
      eventId: null,
    });
    expect(i.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps a 12315 complaint with its merchant', () => {
    const i = norm('12315', {
      regNo: 'DJ-1',
      kind: '投诉',
      receivedAt: t,
      content: '预付卡3000元，健身房关门跑路',
      merchant: { name: '力美健身(台东店)', uscc: '91350100M000100Y43', address: '市北区台东三路88号' },
      consumer: { phone: '13987654321' },
      industry: '预付卡消费',
      amount: 3000,
    });
    expect(i).toMatchObject({
      kind: '投诉',
      title: '力美健身(台东店)：预付卡3000元，健身房关门跑路',
      district: '市北区',
      department: '市场监管局',
      merchant: { name: '力美健身(台东店)', uscc: '91350100M000100Y43', address: '市北区台东三路88号' },
      reporter: { name: null, phone: '13987654321' },
      facts: { industry: '预付卡消费', amount: 3000 },
    });
  });

  it('maps a 110 alarm; coordinates give the district when no field does', () => {
    const i = norm('110', {
      caseNo: 'JJ-1',
      reportedAt: t,
      alarmType: '群体性事件',
      summary: '数十人聚集讨薪',
      address: '某工地',
      location: { lng: 120.256, lat: 35.965 },
      casualties: 0,
      level: 1,
      callerPhone: '110',
    });
    expect(i).toMatchObject({
      kind: '群体性事件',
      district: '黄岛区',
      location: { lng: 120.256, lat: 35.965 },
      facts: { level: 1, casualties: 0 },
    });
  });

  it('maps a post: district from its location text, reach from metrics, no reporter', () => {
    const i = norm('sentiment', {
      postId: 'WB-1',
      platform: 'weibo',
      publishedAt: t,
      text: '#青岛啤酒节# 崂山仰口景区排队三小时！',
      author: { name: '某大V', followers: 200000, verified: true },
      metrics: { reposts: 900, comments: 300 },
      location: '山东青岛',
      topics: ['青岛国际啤酒节'],
    });
    expect(i).toMatchObject({
      kind: 'weibo',
      district: '崂山区',
      reporter: null,
      facts: { followers: 200000, reposts: 900, comments: 300, topics: ['青岛国际啤酒节'] },
    });
  });

  it('flags simulated records', () => {
    const v = validateFeedRecord('110', { caseNo: 'S', reportedAt: t, alarmType: '求助', summary: '走失儿童', address: '栈桥' });
    if (!v.ok) throw new Error();
    expect(normalize('110', v.record, { ...ctx, simulated: true }).flags).toEqual(['simulated']);
  });

  it('makes one-line titles of at most 40 characters', () => {
    expect(titleFrom('第一句话很重要。第二句')).toBe('第一句话很重要');
    expect([...titleFrom('长'.repeat(100))]).toHaveLength(41);
    expect(titleFrom('a\n\n b')).toBe('a b');
  });

  it('masks what a summary shows', () => {
    const i = norm('12345', {
      orderNo: 'M',
      acceptedAt: t,
      appealType: '求助',
      content: '请回电13812345678',
      citizen: { name: '王小明', phone: '13812345678' },
    });
    const s = toIncidentSummary(i);
    expect(s.title).toBe('请回电138****5678');
    expect(s.reporter).toEqual({ name: '王**', phone: '138****5678' });
  });
});
