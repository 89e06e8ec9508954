import { loadConfig } from '../../config/config.loader';
import { SubjectExtractor } from './subjects';

const config = loadConfig({ env: {} });
const x = new SubjectExtractor(config.subjectLexicon, {
  city: config.city.name,
  districts: config.city.districts.map((d) => d.name),
  landmarks: config.gazetteer.filter((g) => g.kind === 'landmark'),
});

describe('SubjectExtractor', () => {
  it.each([
    ['昨晚在云霄路海韵渔家大排档吃海鲜，全家上吐下泻', ['海韵渔家大排档']],
    ['青岛市市北区台东三路力美健身（台东店）关门跑路了', ['力美健身(台东店)']],
    ['力美健身(香港中路店)的私教课退不了费', ['力美健身(香港中路店)']],
    ['我在一家烧烤吃了烤串', []],
    ['楼下的超市卖过期牛奶', []],
    ['市南区老船长海鲜酒家宰客，一盘虾要三百', ['老船长海鲜酒家']],
    ['如家宾馆前台态度差', ['如家宾馆']],
  ])('finds the business named in %s', (text, names) => {
    expect(x.names(x ? text : '')).toEqual(names);
  });

  it('finds roads and landmarks, not common words', () => {
    expect(x.roadsIn('青岛市市南区云霄路18号门口')).toEqual(['云霄路']);
    expect(x.roadsIn('在台东三路和登州路路口')).toEqual(['台东三路', '登州路']);
    expect(x.roadsIn('走在马路上，一路上都是人，去逛街')).toEqual([]);
    const s = x.extract({ texts: ['栈桥附近有人落水'], district: null });
    expect(s.places).toContain('place:栈桥');
  });

  it('keys a merchant by uscc first, then by its normalized name', () => {
    const s = x.extract({
      merchant: { name: '青岛市市南区 海韵渔家大排档', uscc: '91370202ma3c4x5y6q', address: '市南区云霄路18号' },
      texts: ['吃了海韵渔家大排档的海鲜拉肚子'],
      district: '市南区',
    });
    expect(s.keys[0]).toBe('uscc:91370202MA3C4X5Y6Q');
    expect(s.keys).toContain('name:海韵渔家大排档');
    expect(s.keys.filter((k) => k.startsWith('name:'))).toHaveLength(1);
    expect(s.places).toContain('road:云霄路');
  });

  it('ignores generic words for a shop', () => {
    expect(x.normalizeName('超市')).toBeNull();
    expect(x.normalizeName('青岛 饭店')).toBeNull();
  });
});

describe('house numbers', () => {
  it('reads the number on each road named', () => {
    const s = x.extract({ texts: ['青岛市即墨区蓝鳌路199号附近与轿车剐蹭'], district: null });
    expect(s.numbers).toEqual({ 蓝鳌路: 199 });
  });
});
