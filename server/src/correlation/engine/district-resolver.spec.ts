import { loadConfig } from '../../config/config.loader';
import type { AppConfig, DistrictsGeo } from '../../config/config.schema';
import { DistrictResolver } from './district-resolver';

describe('DistrictResolver on the Qingdao configuration', () => {
  let config: AppConfig;
  let resolver: DistrictResolver;

  beforeAll(() => {
    config = loadConfig({ env: {} });
    resolver = new DistrictResolver(config);
  });

  describe('normalize', () => {
    it('maps every district name, alias and code to the district', () => {
      for (const d of config.city.districts) {
        expect(resolver.normalize(d.name)).toBe(d.name);
        expect(resolver.normalize(d.code)).toBe(d.name);
        expect(d.aliases.length).toBeGreaterThan(0);
        for (const alias of d.aliases) expect(resolver.normalize(alias)).toBe(d.name);
      }
    });

    it.each([
      ['市南', '市南区'],
      ['西海岸新区', '黄岛区'],
      ['即墨市', '即墨区'],
      ['胶州', '胶州市'],
      [' 平度 ', '平度市'],
      ['青岛市市南区', '市南区'],
      ['青岛市北区', '市北区'],
      ['山东省青岛市崂山区', '崂山区'],
    ])('%s → %s', (input, expected) => {
      expect(resolver.normalize(input)).toBe(expected);
    });

    it.each(['市中区', '青岛市', '', '朝阳区', '台东'])('%s → null', (input) => {
      expect(resolver.normalize(input)).toBeNull();
    });
  });

  describe('fromText', () => {
    it.each([
      ['青岛市市北区台东三路', '市北区'],
      ['崂山区仰口景区', '崂山区'],
      ['金沙滩啤酒城', '黄岛区'],
      ['青岛国际啤酒节主会场门口有人打架', '黄岛区'],
      ['五四广场附近出租车绕路', '市南区'],
      ['栈桥边上卖海鲜的宰客', '市南区'],
      ['流亭机场出租车拒载', '城阳区'],
      ['青岛北站候车室', '李沧区'],
      ['在八大关拍婚纱照被收费', '市南区'],
      ['台东步行街商户', '市北区'],
      ['游客在太清宫附近被强制购物', '崂山区'],
      ['世博园门票', '李沧区'],
      ['西海岸新区唐岛湾公园', '黄岛区'],
      ['即墨市通济街道', '即墨区'],
      ['胶州某饭店食物中毒', '胶州市'],
      ['家住平度，投诉商家', '平度市'],
      ['去莱西的路上', '莱西市'],
      ['李沧某小区', '李沧区'],
      ['在城阳区流亭机场', '城阳区'],
      ['香港中路街道某商场', '市南区'],
      ['王哥庄街道', '崂山区'],
      ['青岛市北区登州路', '市北区'],
      ['家住市南，在崂山被宰', '市南区'],
      ['来自市北区的游客', '市北区'],
      ['李沧区李村大集', '李沧区'],
    ])('%s → %s', (text, expected) => {
      expect(resolver.fromText(text)).toBe(expected);
    });

    it('prefers a full name over an alias, and a district word over a place', () => {
      expect(resolver.fromText('崂山的游客来自市南区')).toBe('市南区');
      expect(resolver.fromText('石老人海水浴场，黄岛区游客')).toBe('黄岛区');
      expect(resolver.fromText('五四广场到台东步行街')).toBe('市北区'); // the longer place
    });

    it('reads 即墨路 as the street in 市北区, not the district 即墨区', () => {
      expect(resolver.fromText('即墨路小商品市场卖假货')).toBe('市北区');
      expect(resolver.fromText('即墨路')).toBe('市北区');
    });

    it.each([
      ['城市北部新区'], // 市北 inside 城市
      ['超市南门有人摔倒'], // 市南 inside 超市
      ['青岛市南京路'], // 青岛市 + 南京路
      ['全市北部地区降雨'],
      ['路面水平度不够'], // 平度 inside 水平度
      ['县城阳光充足'], // 城阳 inside 县城阳光
      ['超市卖的崂山啤酒过期'], // a brand, not a place
      ['胶州湾大桥拥堵'], // the bay, not 胶州市
      ['舞台东侧'], // 台东 inside 舞台东侧
      ['黄岛路菜市场'], // a road of the old town, named after 黄岛
      ['北京市朝阳区'],
      [''],
    ])('%s → null', (text) => {
      expect(resolver.fromText(text)).toBeNull();
    });

    it('is fast on long text', () => {
      const text = '市民反映某商家预付卡充值后关门跑路，涉及金额较大，请相关部门尽快处理。'.repeat(60) + '地址在李沧区';
      const started = performance.now();
      for (let i = 0; i < 1000; i += 1) expect(resolver.fromText(text)).toBe('李沧区');
      // about 2,000 characters per call; a loop of includes over every name would be far slower
      expect(performance.now() - started).toBeLessThan(3000);
    });
  });

  describe('fromPoint', () => {
    // well-known places, in the map's datum
    it.each([
      ['市南区', '五四广场', 120.384, 36.062],
      ['市北区', '台东', 120.35, 36.09],
      ['李沧区', '李村', 120.433, 36.147],
      ['崂山区', '崂山区政府', 120.469, 36.108],
      ['黄岛区', '金沙滩', 120.256, 35.965],
      ['城阳区', '流亭机场', 120.374, 36.266],
      ['即墨区', '即墨城区', 120.447, 36.389],
      ['胶州市', '胶州城区', 120.033, 36.265],
      ['平度市', '平度城区', 119.988, 36.776],
      ['莱西市', '莱西城区', 120.518, 36.889],
    ])('%s: %s', (district, _place, lng, lat) => {
      expect(resolver.fromPoint({ lng, lat })).toBe(district);
    });

    it('finds every district at a point inside its own polygon', () => {
      for (const d of config.city.districts) {
        const feature = config.districtsGeo.features.find((f) => f.properties.name === d.name)!;
        const point = interiorPoint(feature.geometry);
        expect([d.name, resolver.fromPoint(point)]).toEqual([d.name, d.name]);
      }
    });

    it.each([
      ['the Yellow Sea', 120.6, 35.8],
      ['胶州湾', 120.25, 36.13],
      ['Beijing', 116.397, 39.909],
      ['null island', 0, 0],
    ])('%s → null', (_place, lng, lat) => {
      expect(resolver.fromPoint({ lng, lat })).toBeNull();
    });

    it('refuses coordinates that are not numbers', () => {
      expect(resolver.fromPoint({ lng: Number.NaN, lat: 36 })).toBeNull();
      expect(resolver.fromPoint({ lng: '120.38' as unknown as number, lat: 36.06 })).toBeNull();
    });
  });

  describe('resolve', () => {
    const jinshatan = { lng: 120.256, lat: 35.965 };
    const beijing = { lng: 116.397, lat: 39.909 };

    it('takes the district field first', () => {
      expect(resolver.resolve({ district: '市南', location: jinshatan, address: '李沧区', text: '崂山' })).toEqual({
        district: '市南区',
        source: 'field',
      });
    });

    it('then the point, when the field names no district', () => {
      expect(resolver.resolve({ district: '火星区', location: jinshatan, address: '李沧区', text: '崂山' })).toEqual({
        district: '黄岛区',
        source: 'point',
      });
    });

    it('then the address, when the point is outside the city', () => {
      expect(resolver.resolve({ location: beijing, address: '李沧区九水路', text: '崂山' })).toEqual({
        district: '李沧区',
        source: 'address',
      });
    });

    it('then the text', () => {
      expect(resolver.resolve({ district: null, location: null, address: '某某路12号', text: '崂山景区门票' })).toEqual({
        district: '崂山区',
        source: 'text',
      });
    });

    it('else nothing', () => {
      expect(resolver.resolve({})).toEqual({ district: null, source: null });
      expect(resolver.resolve({ address: '山东青岛', text: '天气不错' })).toEqual({ district: null, source: null });
    });
  });
});

describe('DistrictResolver geometry', () => {
  const square = (x0: number, y0: number, x1: number, y1: number) => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
  const geo: DistrictsGeo = {
    type: 'FeatureCollection',
    features: [
      // 甲区: a ring with a hole, plus an island
      {
        type: 'Feature',
        properties: { name: '甲区' },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(0, 0, 10, 10), square(4, 4, 6, 6)], [square(20, 0, 22, 2)]],
        },
      },
      // 乙区 sits in the hole; its ring is not closed
      { type: 'Feature', properties: { name: '乙区' }, geometry: { type: 'Polygon', coordinates: [square(4, 4, 6, 6).slice(0, 4)] } },
    ],
  };
  const resolver = new DistrictResolver({
    city: {
      name: '测试市',
      code: '990100',
      timezone: 'Asia/Shanghai',
      center: { lng: 5, lat: 5 },
      districts: [
        { name: '甲区', code: '990101', aliases: [], excludes: [] },
        { name: '乙区', code: '990102', aliases: [], excludes: [] },
      ],
    },
    districtsGeo: geo,
    gazetteer: [],
  });

  it('handles holes and multi-polygons', () => {
    expect(resolver.fromPoint({ lng: 1, lat: 1 })).toBe('甲区');
    expect(resolver.fromPoint({ lng: 5, lat: 5 })).toBe('乙区'); // in the hole of 甲区
    expect(resolver.fromPoint({ lng: 21, lat: 1 })).toBe('甲区'); // the island
    expect(resolver.fromPoint({ lng: 15, lat: 1 })).toBeNull(); // between them
    expect(resolver.fromPoint({ lng: 11, lat: 5 })).toBeNull();
  });
});

// A point inside the largest polygon of a geometry, found without the resolver: the middle of
// the widest stretch where a horizontal line through the polygon's middle crosses it.
function interiorPoint(geometry: DistrictsGeo['features'][number]['geometry']): { lng: number; lat: number } {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const outer = polygons.map((p) => p[0]!).sort((a, b) => b.length - a.length)[0]!;
  const lats = outer.map((p) => p[1]!);
  // a latitude between vertex latitudes, so no vertex lies on the line
  const lat = (Math.min(...lats) + Math.max(...lats)) / 2 + 1e-7;
  const xs: number[] = [];
  for (let k = 0, j = outer.length - 1; k < outer.length; j = k++) {
    const [xk, yk] = outer[k] as [number, number];
    const [xj, yj] = outer[j] as [number, number];
    if (yk > lat !== yj > lat) xs.push(xk + ((lat - yk) * (xj - xk)) / (yj - yk));
  }
  xs.sort((a, b) => a - b);
  let best = { lng: NaN, width: -1 };
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const width = xs[k + 1]! - xs[k]!;
    if (width > best.width) best = { lng: (xs[k]! + xs[k + 1]!) / 2, width };
  }
  return { lng: best.lng, lat };
}
