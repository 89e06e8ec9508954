import { Correlator, type Observation } from './correlator';
import type { StorySignature } from './story';

const HOUR = 3_600_000;
const cfg = { windowHours: { subject: 72, place: 6, text: 3 }, similarity: { place: 0.3, precisePlace: 0.5, text: 0.6 } };
let n = 0;

function obs(
  over: Partial<Observation> & { keys?: string[]; places?: string[]; uscc?: string | null; story?: StorySignature },
): Observation {
  const { keys = [], places = [], uscc = null, ...rest } = over;
  return {
    id: `i${++n}`,
    channel: '12345',
    at: 1_000 * HOUR,
    district: '市南区',
    category: null,
    title: 't',
    subjects: {
      keys,
      merchant: keys[0]?.slice(5) ?? null,
      fieldKey: null,
      uscc,
      places,
      place: places[0]?.split(':')[1] ?? null,
      numbers: {},
      text: '',
    },
    story: { concepts: [], tokens: ['噪音', '酒吧', '凌晨'] },
    praise: false,
    complaint: true,
    person: null,
    claimant: false,
    harm: false,
    watchArea: null,
    ...rest,
  };
}

describe('Correlator', () => {
  it('joins by merchant within the subject window, not after it', () => {
    const c = new Correlator(cfg);
    const a = c.assign(obs({ keys: ['name:海韵渔家大排档'] }));
    const b = c.assign(obs({ keys: ['name:海韵渔家大排档'], at: 1_000 * HOUR + 70 * HOUR }));
    const late = c.assign(obs({ keys: ['name:海韵渔家大排档'], at: 1_000 * HOUR + 150 * HOUR }));
    expect(b.eventId).toBe(a.eventId);
    expect(b.reason).toBe('same merchant 海韵渔家大排档');
    expect(late.eventId).not.toBe(a.eventId);
  });

  it('does not join two registrations under one name, and joins one registration under two names', () => {
    const c = new Correlator(cfg);
    const a = c.assign(obs({ keys: ['uscc:A', 'name:喜家德水饺'], uscc: 'A' }));
    const other = c.assign(obs({ keys: ['uscc:B', 'name:喜家德水饺'], uscc: 'B' }));
    const renamed = c.assign(obs({ keys: ['uscc:A', 'name:喜家德'], uscc: 'A' }));
    expect(other.eventId).not.toBe(a.eventId);
    expect(renamed.eventId).toBe(a.eventId);
    expect(renamed.reason).toContain('USCC A');
  });

  it('joins by place only with a similar story, and keeps different stories apart', () => {
    const c = new Correlator(cfg);
    const fire = { concepts: ['fire'], tokens: ['#fire', '浓烟', '商铺'], acute: ['fire'] };
    const a = c.assign(obs({ places: ['place:台东步行街'], story: fire }));
    const b = c.assign(
      obs({
        places: ['place:台东步行街'],
        story: { concepts: ['fire'], tokens: ['#fire', '消防车'], acute: ['fire'] },
        at: 1_000 * HOUR + HOUR,
      }),
    );
    const price = c.assign(obs({ places: ['place:台东步行街'], story: { concepts: ['overcharge'], tokens: ['#overcharge', '商铺'] } }));
    expect(b.eventId).toBe(a.eventId);
    expect(b.reason).toMatch(/^same place 台东步行街 \+ text similarity 0\.\d\d$/);
    expect(price.eventId).not.toBe(a.eventId);
  });

  it('finds the branch of a brand named alone when the text names the branch', () => {
    const c = new Correlator(cfg);
    const a = c.assign(obs({ keys: ['name:银帆养生馆(深圳路店)'] }));
    c.assign(obs({ keys: ['name:银帆养生馆(香港中路店)'] }));
    const alone = obs({ keys: ['name:银帆养生馆'] });
    alone.subjects.text = '崂山深圳路那家银帆养生馆项目价格不清';
    const b = c.assign(alone);
    expect(b.eventId).toBe(a.eventId);
    expect(b.reason).toBe('same merchant 银帆养生馆(深圳路店)');
    const vague = obs({ keys: ['name:银帆养生馆'] });
    vague.subjects.text = '银帆养生馆乱收费';
    expect(c.assign(vague).isNew).toBe(true);
  });

  it('never joins praise, and keeps other districts apart', () => {
    const c = new Correlator(cfg);
    const a = c.assign(obs({ keys: ['name:夜色酒吧'] }));
    expect(c.assign(obs({ keys: ['name:夜色酒吧'], praise: true })).eventId).not.toBe(a.eventId);
    expect(c.assign(obs({ keys: ['name:夜色酒吧'], district: '黄岛区' })).eventId).not.toBe(a.eventId);
  });

  it('joins chronic complaints on one estate, not on one long road', () => {
    const c = new Correlator(cfg);
    const noise = { concepts: ['noise'], tokens: ['#noise', '广场舞', '音响', '晚上'] };
    const a = c.assign(obs({ places: ['estate:海尔里', 'road:延安路'], story: noise }));
    const b = c.assign(obs({ places: ['estate:海尔里'], story: { ...noise }, at: 1_000 * HOUR + HOUR }));
    const other = c.assign(obs({ places: ['estate:融创雅居', 'road:延安路'], story: { ...noise }, at: 1_000 * HOUR + HOUR }));
    expect(b.eventId).toBe(a.eventId);
    expect(other.eventId).not.toBe(a.eventId);
  });

  it('joins near-identical reports of one acute happening in one district when nobody names the place', () => {
    const c = new Correlator(cfg);
    const story = { concepts: ['fight'], tokens: ['#fight', '烧烤摊', '两伙人', '受伤'], acute: ['fight'] };
    const a = c.assign(obs({ story }));
    const b = c.assign(obs({ story: { ...story }, at: 1_000 * HOUR + HOUR }));
    const chronic = { concepts: ['noise'], tokens: ['#noise', '广场舞', '音响'] };
    const x = c.assign(obs({ story: chronic }));
    const y = c.assign(obs({ story: { ...chronic } }));
    expect(b.eventId).toBe(a.eventId);
    expect(b.reason).toMatch(/^same district 市南区 \+ text similarity 1\.00$/);
    expect(y.eventId).not.toBe(x.eventId);
  });

  it('keeps count of harm, channels and complainants, claimants left out', () => {
    const c = new Correlator(cfg);
    const first = c.assign(obs({ keys: ['name:力美健身'], person: 'p1', harm: true }));
    c.assign(obs({ keys: ['name:力美健身'], person: 'p2', channel: '12315' }));
    c.assign(obs({ keys: ['name:力美健身'], person: 'p3', claimant: true }));
    const e = c.get(first.eventId)!;
    expect(e.incidentCount).toBe(3);
    expect(e.channels.sort()).toEqual(['12315', '12345']);
    expect(e.complainants.map((x) => x.who)).toEqual(['p1', 'p2']);
    expect(e.harmIncidents).toBe(1);
  });

  it('forgets events after the longest window, and restores them from their state', () => {
    const c = new Correlator(cfg);
    const a = c.assign(obs({ keys: ['name:某某火锅'] }));
    const saved = JSON.parse(JSON.stringify(c.get(a.eventId)));
    c.assign(obs({ keys: ['name:另一家'], at: 1_000 * HOUR + 100 * HOUR }));
    expect(c.get(a.eventId)).toBeUndefined();
    const d = new Correlator(cfg);
    d.restore(saved);
    expect(d.assign(obs({ keys: ['name:某某火锅'], at: 1_000 * HOUR + 5 * HOUR })).eventId).toBe(a.eventId);
  });

  it('looks at a bounded number of candidates however many events share a key', () => {
    const c = new Correlator(cfg);
    // ten thousand place events at one landmark with unrelated stories
    for (let i = 0; i < 10_000; i++)
      c.assign(obs({ places: ['place:栈桥'], story: { concepts: ['lost'], tokens: [`走失${i}`] }, at: 1_000 * HOUR + i }));
    const spy = jest.spyOn(c as unknown as { storyScore: () => number }, 'storyScore');
    c.assign(obs({ places: ['place:栈桥'], story: { concepts: ['lost'], tokens: ['走失'] }, at: 1_000 * HOUR + 20_000 }));
    expect(spy.mock.calls.length).toBeLessThanOrEqual(32);
  });
});
