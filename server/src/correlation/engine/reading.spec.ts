import { validateFeedRecord, type Channel, type Incident } from '@jointduty/shared';
import { loadConfig } from '../../config/config.loader';
import { Brain } from './brain';
import { Classifier } from './classifier';
import { DistrictResolver } from './district-resolver';
import { normalize } from './normalizer';
import { joinNormalized, Reader } from './reading';
import { normalizeText, segment, segmentAll, segmenterCalls } from './text/segmenter';

const config = loadConfig({ env: { SIMULATOR: 'off' } });
const resolver = new DistrictResolver(config);
const classifier = new Classifier(config.departments, config.classifierExamples);
const at = '2026-07-20T21:05:00+08:00';

const RECORDS: Array<[Channel, Record<string, unknown>]> = [
  [
    '12345',
    {
      orderNo: 'R-1',
      acceptedAt: at,
      appealType: '投诉',
      title: '登州路啤酒街大排档缺斤短两',
      content: '登州路啤酒街海韵渔家大排档海鲜缺斤短两，老板还骂人，要求市场监管部门核查。',
      address: '青岛市市北区登州路56号',
      citizen: { phone: '13812345678' },
    },
  ],
  [
    '12315',
    {
      regNo: 'R-2',
      receivedAt: at,
      kind: '投诉',
      industry: '餐饮',
      content: '在力美健身(台东店)办卡后门店关门，要求退款，假一赔十。',
      merchant: { name: '青岛力美健身有限公司', address: '青岛市市北区台东三路88号' },
      consumer: { phone: '13900000001' },
    },
  ],
  ['110', { caseNo: 'R-3', reportedAt: at, alarmType: '火灾', summary: '云霄路一饭店后厨起火，有浓烟，一人受伤', address: '市南区云霄路' }],
  [
    'sentiment',
    {
      postId: 'R-4',
      platform: 'weibo',
      publishedAt: at,
      text: '栈桥附近的烧烤店太坑了！！一点也不满意，服务态度很差[怒] //@路人: 真的不好',
      location: '青岛·市南区',
    },
  ],
];

function incidentOf(channel: Channel, record: Record<string, unknown>): Incident {
  const v = validateFeedRecord(channel, record);
  if (!v.ok) throw new Error(v.errors.join('; '));
  return normalize(channel, v.record, { receivedAt: new Date(at), simulated: false, resolver, classifier });
}

// what one call costs the segmenter
function counted<T>(fn: () => T): { value: T; calls: number } {
  const before = segmenterCalls();
  const value = fn();
  return { value, calls: segmenterCalls() - before };
}

describe('one reading per record', () => {
  it.each(RECORDS)('a %s record stored and read back is segmented once when understood', (channel, record) => {
    const brain = new Brain(config);
    const incident = incidentOf(channel, record);
    expect(counted(() => brain.enrich(incident)).calls).toBe(1);
  });

  it.each([
    ['short', '海鲜按斤称重缺斤短两，老板态度恶劣。'],
    ['long', 'ＡＢＣ海鲜   按斤称重缺斤短两，老板态度恶劣。'.repeat(30)],
  ])('gives each stage the words segment() gives the same text (%s)', (_, content) => {
    const reader = new Reader(config.sentimentLexicon);
    const address = '青岛市市北区登州路56号';
    for (const title of ['海韵渔家大排档缺斤短两', '110 报警', '']) {
      const r = reader.read({ channel: '12345', title, content, address, merchant: null });
      expect(r.words).toEqual(segment(normalizeText(`${title} ${content} ${address}`)));
      expect(r.norm).toBe(normalizeText(`${title} ${content}`));
      expect(r.content).toBe(normalizeText(content));
      expect(r.watchText).toBe(normalizeText([title, content, address].filter(Boolean).join(' ')));
      expect(r.subjectTexts).toEqual([title, content, address].filter(Boolean).map(normalizeText));
      expect(r.sentiment).toBeNull();
    }
    const post = RECORDS[3]![1].text as string;
    const p = reader.read({ channel: 'sentiment', title: '', content: post, address: null, merchant: null });
    const { segmentable } = p.sentiment!.text;
    expect(p.sentiment!.words.length).toBeGreaterThan(0);
    expect(p.sentiment!.words).toEqual(segment(segmentable, segmentable.length));
  });
});

describe('segmentAll', () => {
  it('gives each text the words segment() gives it alone, in one call', () => {
    const texts = ['昨晚在云霄路吃海鲜，全家上吐下泻', '', 'ＨＥＬＬＯ 台东三路  88号', '不太满意。服务态度很差'];
    const alone = texts.map((t) => segment(t, t.length));
    const together = counted(() => segmentAll(texts));
    expect(together.calls).toBe(1);
    expect(together.value).toEqual(alone);
  });
});

describe('joinNormalized', () => {
  it('joins two normalized texts as normalizing them joined by a space would', () => {
    const pieces = ['', ' ', '  ', 'a', 'Ａ', 'B ', ' c', '\t', '\u3000', '海', '，', 'ΑΣ', 'Σα', '\u00a0', 'x\n', '\ufeff'];
    for (const a of pieces)
      for (const b of pieces)
        for (const c of ['', 'Q', ' ']) {
          const [x, y] = [a + c, c + b];
          expect(joinNormalized(normalizeText(x), normalizeText(y))).toBe(normalizeText(`${x} ${y}`));
        }
  });
});
