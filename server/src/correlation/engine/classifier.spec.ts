import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { departmentsSchema, type Department } from '../../config/config.schema';
import { segment } from './text/segmenter';
import { Classifier } from './classifier';
import { classifierExamplesSchema, exampleProblems, type ClassifierExamples } from '../../config/classifier-examples';

const CONFIG = path.resolve(__dirname, '../../../../config');
const readYaml = (file: string): unknown => parse(readFileSync(path.join(CONFIG, file), 'utf8'));

const departments = departmentsSchema.parse(readYaml('departments.yaml')).departments;
const examples = classifierExamplesSchema.parse(readYaml('classifier/examples.yaml'));
const model = new Classifier(departments, examples);
const keywordsOnly = new Classifier(departments);
// the same model with every keyword rule removed: what the words alone say
const wordsOnly = new Classifier(
  departments.map((d) => ({ ...d, keywords: [] })),
  examples,
);

const dept = (name: string): Department => {
  const d = departments.find((x) => x.name === name);
  if (!d) throw new Error(`no department ${name}`);
  return d;
};

describe('the shipped examples (config/classifier/examples.yaml)', () => {
  const counts = new Map<string, number>();
  for (const [label, texts] of Object.entries(examples.examples)) {
    const owner = departments.find((d) => d.categories.includes(label));
    if (owner) counts.set(owner.name, (counts.get(owner.name) ?? 0) + texts.length);
  }

  it('validate and label every text with a category of departments.yaml', () => {
    expect(exampleProblems(departments, examples)).toEqual([]);
  });

  it('give every department at least 30 texts, the broad ones more', () => {
    const thin = departments.filter((d) => (counts.get(d.name) ?? 0) < 30).map((d) => `${d.name}: ${counts.get(d.name) ?? 0}`);
    expect(thin).toEqual([]);
    for (const broad of ['住房和城乡建设局', '城市管理局', '人力资源和社会保障局', '教育局', '市场监管局']) {
      expect(counts.get(broad)).toBeGreaterThanOrEqual(80);
    }
  });

  it('hold each text once', () => {
    const all = Object.values(examples.examples).flat();
    expect(all.length - new Set(all).size).toBe(0);
  });
});

describe('departments.yaml', () => {
  it('keeps the ids the teams refer to and one fallback', () => {
    const ids = departments.map((d) => d.id);
    const teams = parse(readFileSync(path.join(CONFIG, 'teams.yaml'), 'utf8')) as { teams: Array<{ department: string }> };
    for (const t of teams.teams) expect(ids).toContain(t.department);
    expect(departments.filter((d) => d.fallback).map((d) => d.name)).toEqual(['12345热线办']);
  });

  it('names each category once, under one department', () => {
    const all = departments.flatMap((d) => d.categories);
    expect(all.length - new Set(all).size).toBe(0);
  });
});

describe('Classifier', () => {
  describe('feed hints', () => {
    it('takes the department from a category the feed already chose: exact, else by its first level', () => {
      expect(model.classify('12345', '随便说点什么', { category: '市场监管>食品安全' })).toEqual({
        category: '市场监管>食品安全',
        department: '市场监管局',
      });
      expect(model.classify('12345', '附近哪里有停车场', { category: '交通运输>停车管理' }).department).toBe('交通运输局');
      // not listed, but its first level is transport's
      expect(model.classify('12345', '随便说点什么', { category: '交通运输>共享汽车' })).toEqual({
        category: '交通运输>共享汽车',
        department: '交通运输局',
      });
    });

    it('keeps a category no department knows, and lets the words choose the department', () => {
      expect(model.classify('12345', '出租车司机绕路还不打表', { category: '公安交警>违法停车' })).toEqual({
        category: '公安交警>违法停车',
        department: '交通运输局',
      });
    });

    it('keeps a department the hotline already assigned, with a category from the words', () => {
      expect(model.classify('12345', '出租车绕路', { department: '市南区政府' })).toEqual({
        category: '交通运输>出租车',
        department: '市南区政府',
      });
      expect(model.explain('12345', '出租车绕路', { department: '市南区政府' }).confidence).toBe(1);
    });

    it('files a 110 alarm the police take under 公安>alarm type', () => {
      expect(model.classify('110', '两名男子在烧烤店门口因琐事发生口角', { alarmType: '纠纷' })).toEqual({
        category: '公安>纠纷',
        department: '公安局',
      });
      expect(model.classify('110', 'xyz', { alarmType: '求助' })).toEqual({ category: '公安>求助', department: '公安局' });
    });

    it('sends a 110 alarm about a fire to emergency management, with its own category', () => {
      const r = model.classify('110', '工业园一处厂房起火，浓烟很大，里面可能有人', { alarmType: '火灾' });
      expect(r.department).toBe('应急管理局');
      expect(dept('应急管理局').categories).toContain(r.category);
    });
  });

  describe('when the text says nothing', () => {
    it.each([
      ['12315', '市场监管局'],
      ['110', '公安局'],
      ['12345', '12345热线办'],
      ['sentiment', '12345热线办'],
    ] as const)('%s goes to %s', (channel, name) => {
      for (const c of [model, keywordsOnly]) {
        for (const text of ['xyz', '', '好的。']) expect(c.classify(channel, text).department).toBe(name);
      }
    });

    it('the fallback gets its first category when the words cannot choose one', () => {
      expect(model.classify('12345', 'xyz')).toEqual({ category: '综合>咨询建议', department: '12345热线办' });
    });
  });

  describe('keyword rules', () => {
    it('route by keywords alone when no examples are given', () => {
      expect(keywordsOnly.classify('12345', '出租车司机绕路还不打表').department).toBe('交通运输局');
      expect(keywordsOnly.classify('12345', '大排档海鲜缺斤短两，价格欺诈').department).toBe('市场监管局');
      expect(keywordsOnly.classify('12345', '凌晨烧烤摊噪音扰民')).toEqual({ category: '城市管理>占道经营', department: '城市管理局' });
    });

    it('win over the words: one keyword turns what the model alone would route elsewhere', () => {
      // the model reads a quarrel over a renovation as housing; 打人 makes it the police's
      const text = '楼上装修把我家墙震裂了，去理论还被打人';
      expect(wordsOnly.classify('12345', text).department).toBe('住房和城乡建设局');
      const e = model.explain('12345', text);
      expect(e.department).toBe('公安局');
      expect(e.evidence[0]).toEqual({ term: '打人', source: 'keyword', department: '公安局', weight: 4 });
      // and a keyword speaks where the words alone say nothing
      expect(wordsOnly.classify('12345', '家里的老人走失了').department).toBe('12345热线办');
      expect(model.classify('12345', '家里的老人走失了').department).toBe('公安局');
    });

    it('match inside a word or across whole words, never across a word edge', () => {
      expect(segment('占用地下车库')).not.toContain('用地');
      const e = keywordsOnly.explain('12345', '有人长期占用地下车库的公共位置');
      expect(e.evidence.map((x) => x.term)).not.toContain('用地');
    });

    it('let a longer keyword hide a shorter one inside it', () => {
      const deps: Department[] = [
        { id: 'a', name: '甲', keywords: ['养老'], categories: ['甲>一'], fallback: false, units: [] },
        { id: 'b', name: '乙', keywords: ['养老保险'], categories: ['乙>一'], fallback: false, units: [] },
        { id: 'c', name: '丙', keywords: [], categories: ['丙>一'], fallback: true, units: [] },
      ];
      const c = new Classifier(deps);
      expect(c.classify('12345', '咨询养老保险怎么交').department).toBe('乙');
      expect(c.classify('12345', '想找一家养老院').department).toBe('甲');
      expect(c.explain('12345', '咨询养老保险怎么交').evidence.map((e) => e.term)).toEqual(['养老保险']);
    });
  });

  describe('the trained model', () => {
    it.each([
      ['孩子的班级群里每天布置的打卡任务太多了', '教育局'],
      ['昨晚在海边的大排档吃了海鲜，回家以后全家都拉肚子', '市场监管局'],
      ['单位连续三个月没给我们发钱了，老板一直躲着不见人', '人力资源和社会保障局'],
      ['楼道里的灯坏了好几个月，交了钱也没人修', '住房和城乡建设局'],
      ['开车到郊区钓鱼，回来发现停在路边的车窗被砸了', '公安局'],
    ])('generalises to a sentence with no keyword: %s', (text, name) => {
      const e = model.explain('12345', text);
      expect(e.evidence.filter((x) => x.source === 'keyword')).toEqual([]);
      expect(e.department).toBe(name);
      expect(dept(name).categories).toContain(e.category);
      expect(e.confidence).toBeGreaterThan(0.5);
    });

    it('chooses a category of the chosen department', () => {
      expect(model.classify('12345', '小区电梯又把人困在里面了，维保单位半天才来')).toEqual({
        category: '市场监管>特种设备',
        department: '市场监管局',
      });
      expect(model.classify('12345', '交了采暖费可家里暖气一直不热')).toEqual({
        category: '住房建设>供热',
        department: '住房和城乡建设局',
      });
      expect(model.classify('12345', '想问一下公积金怎么提取')).toEqual({ category: '住房建设>住房保障', department: '住房和城乡建设局' });
    });
  });

  describe('explain', () => {
    it('gives the routing, a confidence, the evidence and the runners-up', () => {
      const e = model.explain('12345', '出租车司机绕路还不打表，多收了三十块');
      expect(e).toMatchObject({ category: '交通运输>出租车', department: '交通运输局' });
      expect(e.confidence).toBeGreaterThan(0.9);
      expect(e.confidence).toBeLessThanOrEqual(1);
      expect(e.evidence.slice(0, 3)).toEqual([
        { term: '出租车', source: 'keyword', department: '交通运输局', weight: 4 },
        { term: '绕路', source: 'keyword', department: '交通运输局', weight: 4 },
        { term: '不打表', source: 'keyword', department: '交通运输局', weight: 4 },
      ]);
      expect(e.evidence.some((x) => x.source === 'model')).toBe(true);
      expect(e.ranking).toHaveLength(3);
      expect(e.ranking[0]).toEqual({ department: '交通运输局', probability: e.confidence });
      expect(e.ranking[1]!.probability).toBeGreaterThanOrEqual(e.ranking[2]!.probability);
    });

    it('shows the channel lean and the hint as evidence', () => {
      expect(model.explain('12315', '我要投诉这家店').evidence).toContainEqual({
        term: '12315',
        source: 'channel',
        department: '市场监管局',
        weight: 1.5,
      });
      expect(model.explain('12345', '随便', { category: '教育>中小学' })).toEqual({
        category: '教育>中小学',
        department: '教育局',
        confidence: 1,
        evidence: [{ term: '教育>中小学', source: 'hint', department: '教育局', weight: 1 }],
        ranking: [],
      });
    });

    it('classify returns what explain routes', () => {
      for (const text of ['小区业主的电动车被偷了', '楼下饭店油烟太大', '医保报销比例是多少', 'xyz']) {
        const { category, department } = model.explain('12345', text);
        expect(model.classify('12345', text)).toEqual({ category, department });
      }
    });
  });

  it('refuses examples labelled with a category no department has', () => {
    const bad: ClassifierExamples = { examples: { '不存在>类别': ['随便写的一句话'] } };
    expect(() => new Classifier(departments, bad)).toThrow('不存在>类别 is not a category of any department');
  });

  it('trains on the whole examples file and classifies a long text the same way every time', () => {
    // its speed is measured by `npm run bench` (the understanding part), not here
    const c = new Classifier(departments, examples);
    const text = Object.values(examples.examples).flat().join('').slice(0, 300);
    const first = c.classify('12345', text);
    expect(first.category).toBeTruthy();
    for (let i = 0; i < 50; i += 1) expect(c.classify('12345', text)).toEqual(first);
  });
});
