import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

import { sensitiveLexiconSchema, type SensitiveLexicon } from '../../../config/lexicons';
import { SensitiveTopics } from './sensitive';

const file = path.resolve(__dirname, '../../../../../config/lexicons/sensitive.yaml');
const shipped = (): unknown => parse(fs.readFileSync(file, 'utf8'));

describe('sensitive lexicon', () => {
  it('the shipped file validates and covers the topics a duty office watches', () => {
    const lex = sensitiveLexiconSchema.parse(shipped());
    const ids = lex.topics.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'illegal-fundraising',
        'gathering',
        'road-blocking',
        'petition',
        'media-exposure',
        'extreme-acts',
        'owner-absconded',
        'mass-harm',
        'ethnic-religious',
        'official-violence',
      ]),
    );
    for (const t of lex.topics) expect(t.words.length).toBeGreaterThan(0);
  });

  const topic = { id: 'extreme-acts', label: '极端行为', words: ['跳楼'], unless: ['没有'] };
  const problems = (over: Record<string, unknown>) => {
    const r = sensitiveLexiconSchema.safeParse({ topics: [{ ...topic, ...over }] });
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('rejects empty words, bad ids, unknown keys and a topic listed twice', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ words: [] })).not.toEqual([]);
    expect(problems({ words: ['跳楼', ''] })).not.toEqual([]);
    expect(problems({ unless: [''] })).not.toEqual([]);
    expect(problems({ id: 'Extreme Acts' })).not.toEqual([]);
    expect(problems({ label: '' })).not.toEqual([]);
    expect(problems({ severity: 3 })).not.toEqual([]);
    expect(sensitiveLexiconSchema.safeParse({ topics: [topic, topic] }).success).toBe(false);
    expect(sensitiveLexiconSchema.safeParse({ topics: [] }).success).toBe(false);
    // unless is optional, unlessWithin defaults to 4
    const parsed = sensitiveLexiconSchema.parse({ topics: [{ id: 'x', label: '某', words: ['某'] }] });
    expect(parsed).toEqual({ unlessWithin: 4, topics: [{ id: 'x', label: '某', words: ['某'], unless: [] }] });
  });
});

describe('SensitiveTopics', () => {
  let topics: SensitiveTopics;
  beforeAll(() => {
    topics = new SensitiveTopics(sensitiveLexiconSchema.parse(shipped()));
  });
  const ids = (text: string) => topics.match(text).map((h) => h.topic);

  it('finds the topics of a text with their label and word', () => {
    const hits = topics.match('几十个业主在售楼处拉横幅，说再不退钱就找记者曝光，还有人扬言要跳楼');
    expect(hits).toEqual([
      { topic: 'gathering', label: '聚集围堵', word: '拉横幅' },
      { topic: 'media-exposure', label: '媒体曝光', word: '记者' },
      { topic: 'extreme-acts', label: '极端行为', word: '跳楼' },
    ]);
    expect(ids('健身房老板卷款跑路，会员卡不能用了')).toEqual(['owner-absconded']);
    expect(ids('工地五十多名工人堵路讨薪')).toEqual(['road-blocking', 'wage-arrears']);
    expect(ids('今天去社区办理居住证，很顺利')).toEqual([]);
  });

  it('reports each topic once, with its earliest word', () => {
    const hits = topics.match('他说要自杀，后来又说要跳楼，家人怕他轻生');
    expect(hits).toEqual([{ topic: 'extreme-acts', label: '极端行为', word: '自杀' }]);
  });

  it('honours unless words right before a word', () => {
    expect(ids('小区门口没有人跳楼，是谣传')).not.toContain('extreme-acts');
    expect(ids('打击非法集资宣传月活动')).toEqual([]);
    expect(ids('事故未造成人员伤亡')).toEqual([]);
    expect(ids('疫情期间禁止聚集')).toEqual([]);
    // another occurrence of the word still counts
    expect(ids('没有人跳楼是假的，他昨天确实跳楼了')).toContain('extreme-acts');
    // a clause mark ends the reach of an unless word
    expect(ids('实在没有办法，他说要跳楼')).toContain('extreme-acts');
    // too far before the word is not right before it
    expect(ids('没有任何预兆的情况下他突然跳楼')).toContain('extreme-acts');
  });

  it('reads full-width letters and upper case like their plain forms', () => {
    expect(topics.match('Ｐ２Ｐ平台暴雷了')).toEqual([{ topic: 'illegal-fundraising', label: '非法集资', word: 'P2P平台' }]);
    expect(ids('被一个大v转发了')).toEqual(['media-exposure']);
  });

  it('takes the unless reach from the lexicon', () => {
    const lex: SensitiveLexicon = {
      unlessWithin: 0,
      topics: [{ id: 'extreme-acts', label: '极端行为', words: ['跳楼'], unless: ['没有'] }],
    };
    const strict = new SensitiveTopics(lex);
    expect(strict.match('没有跳楼')).toEqual([]);
    expect(strict.match('没有人跳楼')).toEqual([{ topic: 'extreme-acts', label: '极端行为', word: '跳楼' }]);
  });
});
