import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

import { segment } from '../text/segmenter';
import { sentimentLexiconSchema, type SentimentLexicon } from '../../../config/lexicons';
import { SentimentScorer } from './sentiment';

const file = path.resolve(__dirname, '../../../../../config/lexicons/sentiment.yaml');
const shipped = (): unknown => parse(fs.readFileSync(file, 'utf8'));

describe('sentiment lexicon', () => {
  it('the shipped file validates and is broad', () => {
    const lex = sentimentLexiconSchema.parse(shipped());
    expect(Object.keys(lex.negative).length).toBeGreaterThanOrEqual(300);
    expect(Object.keys(lex.positive).length).toBeGreaterThanOrEqual(300);
    expect(lex.negation).toEqual(expect.arrayContaining(['不', '没', '没有', '未', '别', '毫无', '并不', '从不']));
    expect(lex.degree['非常']).toBeGreaterThan(1);
    expect(lex.degree['有点']).toBeLessThan(1);
    expect(lex.emoticons['[泪]']).toBeLessThan(0);
    expect(lex.emoticons['[哈哈]']).toBeGreaterThan(0);
  });

  const base = (): SentimentLexicon => ({
    negative: { 失望: 2 },
    positive: { 满意: 2 },
    negation: ['不'],
    degree: { 非常: 1.6 },
    emoticons: { '[泪]': -2 },
  });
  const problems = (over: Record<string, unknown>) => {
    const r = sentimentLexiconSchema.safeParse({ ...base(), ...over });
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('rejects empty words, bad weights, unknown keys and words that are both', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ negative: { '': 2 } })).not.toEqual([]);
    expect(problems({ negation: ['不', ''] })).not.toEqual([]);
    expect(problems({ negative: { 失望: Number.NaN } })).not.toEqual([]);
    expect(problems({ negative: { 失望: Number.POSITIVE_INFINITY } })).not.toEqual([]);
    expect(problems({ positive: { 满意: 50 } })).not.toEqual([]);
    expect(problems({ positive: { 满意: 0 } })).not.toEqual([]);
    expect(problems({ degree: { 非常: -1 } })).not.toEqual([]);
    expect(problems({ emoticons: { '[泪]': 0 } })).not.toEqual([]);
    expect(problems({ emoticons: { 泪: -2 } })).not.toEqual([]);
    expect(problems({ positive: { 失望: 1 } })).toEqual(['positive.失望']);
    expect(problems({ negation: ['失望'] })).toEqual(['negation']);
    expect(problems({ degree: { 不: 1.5 } })).toEqual(['negation']);
    // a word named like an object property is still just a word
    expect(problems({ negative: { constructor: 1 } })).toEqual([]);
    expect(problems({ extra: 1 })).not.toEqual([]);
  });
});

describe('SentimentScorer', () => {
  let scorer: SentimentScorer;
  beforeAll(() => {
    scorer = new SentimentScorer(sentimentLexiconSchema.parse(shipped()));
  });
  const neg = (text: string) => scorer.score(text).negativity;

  it('reads a text without sentiment as neutral: 0.5 and polarity 0', () => {
    for (const text of ['我到政务大厅办理居住证', '', '   ', '12345']) {
      expect(scorer.score(text)).toEqual({ negativity: 0.5, polarity: 0, negative: [], positive: [] });
    }
  });

  it('scores complaints negative and praise positive, within 0..1 and -1..1', () => {
    const complaint = scorer.score('饭菜变质，吃完全家拉肚子，老板态度恶劣还拒绝退款');
    expect(complaint.negativity).toBeGreaterThan(0.8);
    expect(complaint.polarity).toBeLessThan(-0.6);
    const praise = scorer.score('工作人员热情周到，办事效率高，非常满意，点赞！');
    expect(praise.negativity).toBeLessThan(0.2);
    for (const s of [complaint, praise]) {
      expect(s.negativity).toBeGreaterThanOrEqual(0);
      expect(s.negativity).toBeLessThanOrEqual(1);
      expect(s.polarity).toBeCloseTo(1 - 2 * s.negativity, 10);
    }
  });

  it('flips a sentiment word after a negator within three words', () => {
    expect(neg('满意')).toBeLessThan(0.5);
    expect(neg('不满意')).toBeGreaterThan(0.5);
    expect(neg('我们都不喜欢')).toBeGreaterThan(0.5);
    expect(neg('毫无诚信')).toBeGreaterThan(0.5);
    expect(neg('没有人开心')).toBeGreaterThan(0.5);
    // a negated complaint is mildly positive
    expect(neg('不贵')).toBeLessThan(0.5);
    expect(neg('不贵')).toBeGreaterThan(neg('便宜'));
    // a negator in another clause does not reach
    expect(neg('不，我很满意')).toBeLessThan(0.5);
    // two negators cancel
    expect(neg('不是不满意')).toBeLessThan(0.5);
  });

  it('strengthens with degree words, weakens with mild ones', () => {
    expect(neg('非常失望')).toBeGreaterThan(neg('失望'));
    expect(neg('失望')).toBeGreaterThan(neg('有点失望'));
    expect(neg('有点失望')).toBeGreaterThan(0.5);
    expect(neg('非常满意')).toBeLessThan(neg('满意'));
    expect(neg('非常不满意')).toBeGreaterThan(neg('不满意'));
    // a degree word between the negator and the word softens the flip: 不太好 is mildly negative
    expect(neg('不太满意')).toBeGreaterThan(0.5);
    expect(neg('不太满意')).toBeLessThan(neg('不满意'));
    // words the segmenter glues together are read in parts
    expect(neg('好累')).toBeGreaterThan(neg('累'));
    expect(neg('累死了')).toBeGreaterThan(neg('累'));
    expect(neg('太好了')).toBeLessThan(neg('好'));
  });

  it('counts Weibo emoticons on the raw text', () => {
    const sad = scorer.score('到家了[泪]');
    expect(sad.negativity).toBeGreaterThan(0.5);
    expect(sad.negative).toEqual(['[泪]']);
    const happy = scorer.score('[哈哈][哈哈]');
    expect(happy.negativity).toBeLessThan(0.5);
    expect(happy.positive).toEqual(['[哈哈]']);
    // an emoticon outweighs a mild word; a repeat adds, but less
    expect(neg('好[怒]')).toBeGreaterThan(0.5);
    expect(neg('[泪][泪]')).toBeGreaterThan(neg('[泪]'));
    // [GOOD] reads as [good]; an unknown emoticon's name is read as words
    expect(neg('[GOOD]')).toBeLessThan(0.5);
    expect(neg('[悲催]')).toBeGreaterThan(0.5);
  });

  it('explains itself with the terms that counted, as written', () => {
    const s = scorer.score('服务态度非常差，等了两个小时，太失望了[怒]！不过保安还算热情');
    expect(s.negative).toEqual(['非常差', '太失望', '[怒]']);
    expect(s.positive).toEqual(['还算热情']);
    expect(scorer.score('一点也不满意，不满意').negative).toEqual(['一点也不满意', '不满意']);
  });

  it('matches whole words, not characters inside other words', () => {
    expect(segment('开心果')).toEqual(['开心果']);
    expect(neg('买了一斤开心果')).toBe(0.5);
    expect(neg('今天天气很好')).toBeLessThan(0.5);
  });

  it('lets exclamation marks strengthen a clause', () => {
    expect(neg('太失望了！！！')).toBeGreaterThan(neg('太失望了'));
  });

  it('counts what a repost quotes less than what the poster says', () => {
    expect(neg('很满意！//@某网友:很失望')).toBeLessThan(0.5);
    expect(neg('很失望//@某网友:很满意！')).toBeGreaterThan(0.5);
  });

  it('ignores names and links', () => {
    expect(neg('@开心每一天 请看 http://t.cn/abc')).toBe(0.5);
  });

  it('copes with long texts and odd input', () => {
    const long = '服务很差，'.repeat(2000);
    expect(neg(long)).toBeGreaterThan(0.9);
    expect(neg('[][[]]]!!!？？？……')).toBe(0.5);
    expect(Number.isFinite(neg('😀😡🙏'))).toBe(true);
  });

  it('is fast: a 140-character post in well under 150 µs', () => {
    const post =
      '昨晚在云霄路一家海鲜大排档吃饭，全家上吐下泻，怀疑食物中毒！老板态度非常恶劣，还不给退钱，太失望了[怒][怒]。' +
      '希望有关部门管一管，不然以后还会有人上当受骗。这家店真的是黑店，大家千万别去了！！！服务员也很冷漠，' +
      '打电话投诉了三次都没人理，真是气死人了[抓狂]，以后再也不来了，别去';
    expect(post.length).toBe(140);
    for (let i = 0; i < 2000; i++) scorer.score(post);
    const n = 5000;
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) scorer.score(post);
    const c = process.cpuUsage(c0);
    const wall = Number(process.hrtime.bigint() - t0) / 1000 / n;
    const cpu = (c.user + c.system) / n;
    console.log(`sentiment: ${cpu.toFixed(1)} µs CPU (${wall.toFixed(1)} µs wall) per ${post.length}-character post`);
    // CPU time, as wall time counts whatever else runs on the machine; the bound is generous so
    // a slow CI runner passes, the figure above is the measure
    expect(cpu).toBeLessThan(300);
  });
});
