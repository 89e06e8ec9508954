// The simulator's own phrase bank: Qingdao places, merchant names and story templates for a
// beer-festival evening. Written for this project; every person, merchant and post is invented.
//
// Templates use two devices, filled by the generator:
//   {slot}      a value of the record being made (the same slot gives the same value in one record)
//   [a|b|c]     one of the alternatives, picked at random (not nested)

// beerfest: where the festival's beer is poured; venue: the ticketed festival grounds (啤酒城)
export type PlaceTag = 'scenic' | 'beach' | 'night' | 'beerfest' | 'venue' | 'shopping' | 'transport' | 'mountain' | 'residential';

export interface Place {
  name: string;
  street: string;
  lng: number;
  lat: number;
  tags: PlaceTag[];
}

export interface DistrictInfo {
  name: string;
  /** division code, the 3rd–8th characters of a local unified social credit code */
  code: string;
  /** share of the festival evening's records */
  weight: number;
  streets: string[];
  /** short area names used for branch stores, e.g. 力美健身(台东店) */
  areas: string[];
  places: Place[];
}

// Coordinates are in the city map's datum and sit inside their district (checked in the spec
// against the district map when it is available).
// prettier-ignore
export const DISTRICTS: DistrictInfo[] = [
  {
    name: '市南区',
    code: '370202',
    weight: 22,
    streets: ['太平路', '中山路', '湖北路', '广西路', '南海路', '香港中路', '香港西路', '东海西路', '东海中路', '闽江路', '云霄路', '燕儿岛路', '山东路', '江西路', '福州南路', '澳门路', '大学路', '莱阳路', '湛山大路', '肥城路'],
    areas: ['中山路', '香港中路', '五四广场', '闽江路', '八大关', '云霄路', '江西路'],
    places: [
      { name: '栈桥', street: '太平路', lng: 120.3196, lat: 36.0645, tags: ['scenic', 'beach'] },
      { name: '五四广场', street: '东海西路', lng: 120.3845, lat: 36.0642, tags: ['scenic'] },
      { name: '八大关景区', street: '山海关路', lng: 120.3525, lat: 36.0565, tags: ['scenic'] },
      { name: '第一海水浴场', street: '南海路', lng: 120.3440, lat: 36.0583, tags: ['beach', 'scenic'] },
      { name: '劈柴院', street: '中山路', lng: 120.3178, lat: 36.0672, tags: ['night', 'scenic', 'shopping'] },
      { name: '奥帆中心', street: '燕儿岛路', lng: 120.3935, lat: 36.0620, tags: ['scenic'] },
      { name: '小鱼山公园', street: '福山支路', lng: 120.3305, lat: 36.0605, tags: ['scenic'] },
      { name: '云霄路美食街', street: '云霄路', lng: 120.3812, lat: 36.0703, tags: ['night'] },
      { name: '香港中路商圈', street: '香港中路', lng: 120.3880, lat: 36.0680, tags: ['shopping'] },
      { name: '青岛站', street: '泰安路', lng: 120.3130, lat: 36.0660, tags: ['transport'] },
      { name: '鱼山路老街', street: '大学路', lng: 120.3245, lat: 36.0645, tags: ['scenic'] },
      { name: '闽江路酒吧街', street: '闽江路', lng: 120.3880, lat: 36.0735, tags: ['night'] },
    ],
  },
  {
    name: '市北区',
    code: '370203',
    weight: 15,
    streets: ['登州路', '台东一路', '台东三路', '台东八路', '威海路', '延安三路', '辽宁路', '辽阳西路', '敦化路', '南京路', '合肥路', '鞍山路', '吉林路', '抚顺路', '四流南路', '瑞昌路', '杭州路', '昌乐路', '延吉路', '人民路'],
    areas: ['台东', '辽宁路', '浮山后', '合肥路', '四方', 'CBD', '延吉路'],
    places: [
      { name: '台东步行街', street: '台东三路', lng: 120.3525, lat: 36.0880, tags: ['shopping', 'night'] },
      { name: '登州路啤酒街', street: '登州路', lng: 120.3495, lat: 36.0850, tags: ['beerfest', 'night'] },
      { name: '青岛啤酒博物馆', street: '登州路', lng: 120.3505, lat: 36.0838, tags: ['scenic'] },
      { name: '浮山后社区', street: '南京路', lng: 120.4080, lat: 36.1010, tags: ['residential', 'night'] },
      { name: '市北中央商务区', street: '敦化路', lng: 120.3880, lat: 36.0970, tags: ['shopping'] },
      { name: '延安三路', street: '延安三路', lng: 120.3545, lat: 36.0790, tags: ['residential'] },
      { name: '合肥路商圈', street: '合肥路', lng: 120.4000, lat: 36.1080, tags: ['residential', 'shopping'] },
      { name: '昌乐路文化街', street: '昌乐路', lng: 120.3530, lat: 36.0960, tags: ['shopping'] },
      { name: '四方长途汽车站', street: '嘉定路', lng: 120.3660, lat: 36.1160, tags: ['transport'] },
      { name: '海云庵', street: '海云街', lng: 120.3500, lat: 36.1040, tags: ['residential'] },
    ],
  },
  {
    name: '李沧区',
    code: '370213',
    weight: 9,
    streets: ['京口路', '书院路', '巨峰路', '九水东路', '黑龙江中路', '金水路', '四流中路', '永清路', '峰山路', '振华路', '兴华路', '广水路', '重庆中路'],
    areas: ['李村', '书院路', '东李', '沧口', '青岛北站', '世园'],
    places: [
      { name: '李村商圈', street: '京口路', lng: 120.4295, lat: 36.1555, tags: ['shopping', 'night'] },
      { name: '李村大集', street: '东北庄路', lng: 120.4250, lat: 36.1485, tags: ['night', 'shopping'] },
      { name: '青岛北站', street: '静乐路', lng: 120.3760, lat: 36.1690, tags: ['transport'] },
      { name: '世博园', street: '世园大道', lng: 120.4650, lat: 36.1850, tags: ['scenic'] },
      { name: '沧口公园', street: '四流中路', lng: 120.3930, lat: 36.1780, tags: ['scenic', 'residential'] },
      { name: '书院路万达广场', street: '书院路', lng: 120.4180, lat: 36.1640, tags: ['shopping'] },
      { name: '楼山公园', street: '四流北路', lng: 120.3700, lat: 36.1930, tags: ['scenic'] },
      { name: '东李社区', street: '九水东路', lng: 120.4480, lat: 36.1700, tags: ['residential'] },
    ],
  },
  {
    name: '崂山区',
    code: '370212',
    weight: 13,
    streets: ['香港东路', '海尔路', '东海东路', '苗岭路', '云岭路', '辽阳东路', '株洲路', '松岭路', '深圳路', '同安路', '秦岭路', '银川东路', '劲松七路', '滨海大道'],
    areas: ['金家岭', '石老人', '麦岛', '海尔路', '沙子口', '王哥庄', '株洲路'],
    places: [
      { name: '石老人海水浴场', street: '香港东路', lng: 120.4920, lat: 36.1015, tags: ['beach', 'scenic'] },
      { name: '国际啤酒城', street: '香港东路', lng: 120.4600, lat: 36.0950, tags: ['beerfest', 'venue', 'night'] },
      { name: '极地海洋公园', street: '东海东路', lng: 120.4340, lat: 36.0835, tags: ['scenic'] },
      { name: '仰口景区', street: '仰口路', lng: 120.6700, lat: 36.2430, tags: ['scenic', 'mountain'] },
      { name: '太清宫', street: '崂山路', lng: 120.6580, lat: 36.1500, tags: ['scenic', 'mountain'] },
      { name: '北九水景区', street: '北九水路', lng: 120.5860, lat: 36.2240, tags: ['scenic', 'mountain'] },
      { name: '金家岭商圈', street: '海尔路', lng: 120.4570, lat: 36.1030, tags: ['shopping'] },
      { name: '沙子口渔港', street: '崂山路', lng: 120.5520, lat: 36.1200, tags: ['night'] },
      { name: '王哥庄大集', street: '王哥庄路', lng: 120.6600, lat: 36.2580, tags: ['residential', 'night'] },
      { name: '青岛大剧院', street: '云岭路', lng: 120.4480, lat: 36.0980, tags: ['scenic'] },
    ],
  },
  {
    name: '黄岛区',
    code: '370211',
    weight: 20,
    streets: ['长江中路', '长江西路', '江山南路', '井冈山路', '滨海大道', '珠江路', '漓江西路', '嘉陵江东路', '峨眉山路', '武夷山路', '金沙滩路', '香江路', '五台山路', '紫金山路', '珠山路'],
    areas: ['长江路', '金沙滩', '唐岛湾', '辛安', '井冈山路', '薛家岛', '胶南'],
    places: [
      { name: '金沙滩啤酒城', street: '金沙滩路', lng: 120.2520, lat: 35.9720, tags: ['beerfest', 'venue', 'night'] },
      { name: '金沙滩', street: '金沙滩路', lng: 120.2440, lat: 35.9670, tags: ['beach', 'scenic'] },
      { name: '唐岛湾公园', street: '滨海大道', lng: 120.1950, lat: 35.9500, tags: ['scenic'] },
      { name: '银沙滩', street: '银沙滩路', lng: 120.2220, lat: 35.9460, tags: ['beach'] },
      { name: '东方影都', street: '滨海大道', lng: 120.2250, lat: 35.9760, tags: ['scenic'] },
      { name: '长江中路商圈', street: '长江中路', lng: 120.1990, lat: 35.9670, tags: ['shopping', 'night'] },
      { name: '积米崖渔港', street: '灵山湾路', lng: 120.1600, lat: 35.9400, tags: ['night'] },
      { name: '薛家岛', street: '嘉陵江东路', lng: 120.2700, lat: 35.9900, tags: ['residential'] },
      { name: '青岛西站', street: '站前大道', lng: 119.9950, lat: 35.9450, tags: ['transport'] },
      { name: '珠山国家森林公园', street: '珠山路', lng: 120.0600, lat: 35.8950, tags: ['scenic', 'mountain'] },
      { name: '藏马山', street: '藏马山路', lng: 119.7700, lat: 35.8400, tags: ['scenic', 'mountain'] },
    ],
  },
  {
    name: '城阳区',
    code: '370214',
    weight: 7,
    streets: ['正阳中路', '正阳东路', '春阳路', '长城路', '文阳路', '青威路', '仙山东路', '中城路', '崇阳路', '明阳路', '双元路', '黑龙江中路'],
    areas: ['城阳', '正阳路', '夏庄', '流亭', '红岛', '上马'],
    places: [
      { name: '宝龙广场', street: '正阳中路', lng: 120.3930, lat: 36.3060, tags: ['shopping'] },
      { name: '春阳路夜市', street: '春阳路', lng: 120.4000, lat: 36.3020, tags: ['night'] },
      { name: '城阳世纪公园', street: '正阳中路', lng: 120.4060, lat: 36.3080, tags: ['scenic'] },
      { name: '城阳汽车站', street: '青威路', lng: 120.3870, lat: 36.3120, tags: ['transport'] },
      { name: '红岛渔港', street: '红岛路', lng: 120.2600, lat: 36.2500, tags: ['night'] },
      { name: '夏庄社区', street: '夏庄路', lng: 120.4350, lat: 36.2520, tags: ['residential'] },
      { name: '棘洪滩', street: '锦宏东路', lng: 120.3150, lat: 36.3150, tags: ['residential'] },
    ],
  },
  {
    name: '即墨区',
    code: '370215',
    weight: 5,
    streets: ['鹤山路', '蓝鳌路', '烟青路', '文化路', '振华街', '嵩山二路', '天山三路', '华山二路', '通济街', '墨城路'],
    areas: ['即墨', '鹤山路', '蓝村', '鳌山卫', '潮海'],
    places: [
      { name: '即墨古城', street: '鹤山路', lng: 120.4470, lat: 36.3850, tags: ['scenic', 'night'] },
      { name: '即墨服装批发市场', street: '蓝鳌路', lng: 120.4560, lat: 36.3800, tags: ['shopping'] },
      { name: '鳌山湾', street: '滨海公路', lng: 120.6200, lat: 36.3750, tags: ['beach'] },
      { name: '温泉街道', street: '温泉路', lng: 120.6100, lat: 36.4150, tags: ['residential'] },
      { name: '田横镇', street: '田横路', lng: 120.8500, lat: 36.4600, tags: ['scenic'] },
      { name: '即墨汽车站', street: '烟青路', lng: 120.4600, lat: 36.3920, tags: ['transport'] },
    ],
  },
  {
    name: '胶州市',
    code: '370281',
    weight: 3.5,
    streets: ['扬州路', '郑州东路', '兰州东路', '常州路', '湖州路', '柳州路', '徐州路', '胶州东路', '广州南路'],
    areas: ['胶州', '三里河', '少海', '胶东'],
    places: [
      { name: '少海湿地', street: '湖州路', lng: 120.0050, lat: 36.2700, tags: ['scenic'] },
      { name: '三里河公园', street: '扬州路', lng: 120.0180, lat: 36.2830, tags: ['scenic', 'night'] },
      { name: '胶东国际机场', street: '空港大道', lng: 120.0880, lat: 36.3620, tags: ['transport'] },
      { name: '郑州东路商圈', street: '郑州东路', lng: 120.0300, lat: 36.2900, tags: ['shopping'] },
      { name: '李哥庄', street: '李哥庄大道', lng: 120.1600, lat: 36.3500, tags: ['residential'] },
    ],
  },
  {
    name: '平度市',
    code: '370283',
    weight: 2.5,
    streets: ['红旗路', '胜利路', '人民路', '杭州路', '常州路', '扬州路', '青岛路'],
    areas: ['平度', '红旗路', '现河'],
    places: [
      { name: '现河公园', street: '红旗路', lng: 119.9630, lat: 36.7850, tags: ['scenic', 'night'] },
      { name: '大泽山风景区', street: '大泽山路', lng: 119.8700, lat: 36.9900, tags: ['scenic', 'mountain'] },
      { name: '平度汽车站', street: '人民路', lng: 119.9600, lat: 36.7700, tags: ['transport'] },
      { name: '人民路商圈', street: '人民路', lng: 119.9570, lat: 36.7820, tags: ['shopping'] },
    ],
  },
  {
    name: '莱西市',
    code: '370285',
    weight: 2,
    streets: ['烟台路', '威海西路', '上海路', '青岛路', '文化西路', '北京东路', '石岛路'],
    areas: ['莱西', '月湖', '姜山'],
    places: [
      { name: '月湖公园', street: '文化西路', lng: 120.5150, lat: 36.8800, tags: ['scenic', 'night'] },
      { name: '烟台路商圈', street: '烟台路', lng: 120.5270, lat: 36.8850, tags: ['shopping'] },
      { name: '姜山湿地', street: '姜山路', lng: 120.5800, lat: 36.8100, tags: ['scenic'] },
      { name: '莱西汽车站', street: '青岛路', lng: 120.5200, lat: 36.8750, tags: ['transport'] },
    ],
  },
];

// ---- people ---------------------------------------------------------------------------------

// Common surnames, with those frequent on the Jiaodong peninsula (于 姜 曲 隋 栾 臧) included.
// prettier-ignore
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '程', '曹', '袁', '邓', '许', '傅', '沈', '彭', '吕', '苏', '卢',
  '蒋', '蔡', '丁', '魏', '薛', '叶', '潘', '杜', '夏', '田', '任', '姜', '范', '方', '石', '姚', '崔', '毛', '邱', '秦',
  '曲', '隋', '栾', '臧', '宫', '逄', '纪', '修', '矫', '牟',
];
// Given names are composed within one style, so that they read like names people are given.
// prettier-ignore
export const GIVEN_CHARS: string[][] = [
  ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '华', '鹏', '辉', '海', '波', '凯', '浩', '峰', '建', '国', '志', '俊', '斌', '亮', '宇', '博', '昊', '翔', '帅', '岩', '德', '成', '立', '振', '永', '东', '林', '洪', '忠', '福'],
  ['芳', '娜', '敏', '静', '丽', '艳', '娟', '秀', '霞', '萍', '红', '琳', '雪', '梅', '欣', '悦', '婷', '蕾', '倩', '佳', '彤', '琪', '蓉', '慧', '莉', '玉', '英', '燕', '丹', '颖', '晶', '洁', '璐', '瑶', '桂', '兰', '凤', '菲', '薇', '芸'],
  ['晓', '宁', '文', '晨', '阳', '子', '涵', '轩', '嘉', '然', '雨', '瑞', '青', '新', '春', '平', '安', '一', '思', '诗', '可', '心', '天', '星', '梓', '依', '沐', '若', '欣', '宇'],
];
// prettier-ignore
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158',
  '159', '166', '171', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189',
  '191', '195', '198', '199',
];

// ---- merchants ------------------------------------------------------------------------------

export type MerchantKind =
  | 'seafood'
  | 'bbq'
  | 'beer'
  | 'gym'
  | 'beauty'
  | 'training'
  | 'hotel'
  | 'travel'
  | 'appliance'
  | 'supermarket'
  | 'ktv'
  | 'teashop'
  | 'parking';

export interface MerchantStyle {
  heads: string[];
  tails: string[];
  /** chance of a branch suffix, e.g. (台东店) */
  branch: number;
  /** chance of being an individual business (USCC starting 92) rather than a company (91) */
  individual: number;
  /** where such merchants sit, when they sit at a place */
  near?: PlaceTag[];
  /** only in these districts (a name that tells where it is, like 崂山茶) */
  districts?: string[];
}

// prettier-ignore
export const MERCHANT_STYLES: Record<MerchantKind, MerchantStyle> = {
  seafood: {
    heads: ['海韵', '渔家乐', '老船长', '蓝湾', '鲜到家', '海之味', '渔人码头', '琴岛', '阿福', '海边人家', '大虾', '老渔翁', '海鲜王', '船家', '潮汐', '小海鲜', '渔港', '浪花'],
    tails: ['渔家大排档', '海鲜烧烤城', '海鲜大排档', '海鲜酒家', '海鲜加工坊', '海鲜排档', '渔家宴', '海鲜馆'],
    branch: 0.15,
    individual: 0.45,
    near: ['night', 'beach', 'scenic', 'beerfest'],
  },
  bbq: {
    heads: ['老街', '串串香', '大叔', '胖哥', '夜猫子', '老地方', '火焰山', '兄弟', '炭火', '老青岛', '啤酒屋', '东北', '新疆'],
    tails: ['烧烤', '烤肉', '烧烤店', '烤串', '炭烤', '烧烤大排档'],
    branch: 0.1,
    individual: 0.7,
    near: ['night', 'residential', 'beerfest'],
  },
  beer: {
    heads: ['琴岛', '老青岛', '麦香', '泡沫', '原浆', '登州', '啤酒花', '扎啤', '海风', '酒仙', '金麦'],
    tails: ['扎啤屋', '啤酒花园', '精酿酒馆', '啤酒屋', '鲜啤坊', '原浆酒吧', '扎啤城'],
    branch: 0.1,
    individual: 0.55,
    near: ['beerfest', 'night'],
  },
  gym: {
    heads: ['力美', '超燃', '铁馆', '悦动', '型动力', '乐享', '蓝海', '动感地带', '极限', '活力派', '舒展'],
    tails: ['健身', '健身会所', '瑜伽馆', '游泳健身中心', '体能训练馆', '健身工作室'],
    branch: 0.7,
    individual: 0.1,
  },
  beauty: {
    heads: ['丽人坊', '悦颜', '雅诗', '美丽约定', '纤姿', '秀发源', '花漾', '素颜', '玉肌', '名媛'],
    tails: ['美容养生馆', '美业', '美容会所', '塑形美容中心', '美发沙龙', '皮肤管理中心', '美甲美睫'],
    branch: 0.5,
    individual: 0.3,
  },
  training: {
    heads: ['启航', '新思维', '小海豚', '乐学', '优艺', '博雅', '星光', '智多星', '未来星', '蓝鲸'],
    tails: ['教育', '英语', '游泳培训', '少儿编程', '美术培训', '书法学堂', '舞蹈艺术培训', '托管中心', '口才培训'],
    branch: 0.6,
    individual: 0.05,
  },
  hotel: {
    heads: ['海景', '听海', '望潮', '蓝色海湾', '海之恋', '观澜', '渔村', '半山', '沙滩', '海天'],
    tails: ['民宿', '海景公寓', '酒店', '宾馆', '精品客栈', '度假公寓'],
    branch: 0.05,
    individual: 0.5,
    near: ['beach', 'scenic'],
  },
  travel: {
    heads: ['琴岛', '海畅', '蓝海', '畅游', '悦途', '青春', '半岛', '鲸旅'],
    tails: ['旅行社', '国际旅行社', '海上观光游船', '旅游服务中心', '游艇俱乐部'],
    branch: 0.2,
    individual: 0.05,
    near: ['beach', 'transport'],
  },
  appliance: {
    heads: ['家乐', '佳和', '永信', '顺达', '海之源', '美佳', '百联', '鑫源'],
    tails: ['电器', '家电城', '电器商行', '家电专营店', '空调专卖', '电器城'],
    branch: 0.3,
    individual: 0.4,
    near: ['shopping'],
  },
  supermarket: {
    heads: ['家家福', '利民', '好又多', '惠万家', '邻里', '便民', '乐购多', '岛城'],
    tails: ['超市', '便利店', '生活超市', '购物广场', '食品店'],
    branch: 0.5,
    individual: 0.5,
    near: ['residential', 'shopping', 'scenic'],
  },
  ktv: {
    heads: ['星光', '麦霸', '金嗓子', '欢唱', '海风', '夜色'],
    tails: ['KTV', '量贩式KTV', '音乐酒吧', '娱乐会所'],
    branch: 0.3,
    individual: 0.3,
    near: ['night', 'shopping'],
  },
  teashop: {
    heads: ['崂山', '崂峰', '仰口', '巨峰', '云雾', '山泉', '道韵'],
    tails: ['茶庄', '茶叶店', '特产店', '茶行', '土特产超市'],
    branch: 0.1,
    individual: 0.6,
    near: ['mountain'],
    districts: ['崂山区'],
  },
  parking: {
    heads: ['顺泊', '易停', '惠民', '便捷', '安泊'],
    tails: ['停车场', '临时停车场', '便民停车场'],
    branch: 0,
    individual: 0.3,
    near: ['scenic', 'beach', 'beerfest'],
  },
};

// ---- small vocabularies ---------------------------------------------------------------------

// prettier-ignore
export const SEAFOOD = ['辣炒蛤蜊', '皮皮虾', '鲅鱼', '海螺', '扇贝', '大虾', '梭子蟹', '海胆', '鲍鱼', '八带', '生蚝', '蛏子', '海蛎子', '黄花鱼', '鱿鱼', '大闸蟹', '牡蛎', '海肠'];
export const FOOD_ISSUES = [
  '串里有头发',
  '蛤蜊里全是沙子',
  '生蚝有一股臭味',
  '餐具上有明显污渍',
  '凉菜里吃出了苍蝇',
  '烤串中间还是生的',
  '海鲜明显不新鲜',
  '啤酒杯没洗干净',
  '后厨地上有老鼠跑',
];
export const LOST_ITEMS = ['手机', '钱包', '双肩包', '身份证', '行李箱', '相机', '儿童手表', '车钥匙'];
export const COLORS = ['红色', '黄色', '蓝色', '白色', '粉色', '绿色', '黑色', '橙色'];
export const GARMENTS = {
  男孩: ['短袖', 'T恤', '背带裤', '卫衣', '运动服', '背心'],
  女孩: ['短袖', 'T恤', '连衣裙', '背带裤', '公主裙', '卫衣'],
} as const;
export const SUBJECTS = ['英语', '游泳', '编程', '美术', '舞蹈', '钢琴', '书法', '篮球', '口才'];
export const CARD_TYPES = ['年卡', '次卡', '会员卡', '私教课', '储值卡'];
export const APPLIANCES = ['空调', '冰箱', '洗衣机', '电视', '热水器', '油烟机'];
export const METRO_LINES = ['1', '2', '3', '4', '6', '8', '11', '13'];
export const GOODS = ['牛奶', '面包', '火腿肠', '饮料', '酸奶', '方便面', '海鲜干货', '啤酒'];

// prettier-ignore
export const HASHTAGS_COMMON = ['#青岛啤酒节#', '#青岛国际啤酒节#', '#青岛旅游#', '#青岛#'];
export const HASHTAGS_BY_TONE: Record<'negative' | 'positive' | 'neutral', string[]> = {
  negative: ['#青岛避雷#', '#旅游避坑#', '#消费维权#', '#青岛海鲜#', '#好客山东#'],
  positive: ['#青岛美食#', '#青岛这个夏天#', '#暖心#', '#好客山东#', '#城市温度#'],
  neutral: ['#青岛身边事#', '#啤酒节攻略#', '#青岛交通#', '#青岛夏天#'],
};

// prettier-ignore
export const AUTHOR_HEADS = ['岛城', '青岛', '琴岛', '崂山', '西海岸', '啤酒节', '海边', '吃货', '旅行的', '爱喝', '胶东', '小鱼山'];
// prettier-ignore
export const AUTHOR_CORES = ['小蓝鲸', '阿飞', '日记', '生活家', '大叔', '小王', '海鸥', '拾光', '美食侦探', '小胖', '打工人', '老陈', '喵喵', '旅拍', '扎啤哥', '阿青'];
export const AUTHOR_TAILS = ['', '', '', '2023', '_', '呀', '在路上', '666', '本尊', '啊'];
export const MEDIA_AUTHORS = ['岛城生活观察', '琴岛热线', '青岛身边事', '西海岸播报', '城事速递', '海边新闻眼', '胶东民生', '半岛消费观察'];

// ---- hotline (12345) ------------------------------------------------------------------------

export type AppealType = '投诉' | '举报' | '咨询' | '求助' | '建议' | '表扬';

interface StoryBase {
  text: string;
  title?: string;
  /** relative frequency among stories of the same type (default 1) */
  weight?: number;
  /** the story is about a merchant of this kind */
  merchant?: MerchantKind;
  /** pick the merchant from the few "hot" ones, so that complaints pile up on them */
  hot?: boolean;
  /** the story happens at a place with this tag */
  place?: PlaceTag;
  /** range of {amount}, yuan */
  amount?: [number, number];
}

export interface HotlineStory extends StoryBase {
  appealType: AppealType;
  category: string;
  /** chance the order is marked 紧急 */
  urgent?: number;
}

export type HotlineSource = 'phone' | 'wechat' | 'app' | 'web' | 'mailbox' | 'letter';
export const HOTLINE_OPENERS: Record<HotlineSource, string[]> = {
  phone: ['市民来电反映：', '来电人反映，', '来电人表示，', '市民来电称，', '诉求人称：', ''],
  wechat: ['市民通过微信公众号留言反映：', '网友通过微信留言：', '诉求人称：'],
  app: ['市民通过政务服务APP反映：', '诉求人通过APP留言：', ''],
  web: ['网民留言反映：', '市民通过网站留言称，', ''],
  mailbox: ['市长信箱来信反映：', '来信人称，'],
  letter: ['来信人反映：', '市民来信称，'],
};
export const HOTLINE_CLOSERS: Record<AppealType, string[]> = {
  投诉: ['请相关部门核实处理。', '希望有关部门尽快处理。', '要求给予答复。', '来电人要求回复处理结果。', '请尽快督促整改。', ''],
  举报: ['请相关部门依法查处。', '希望有关部门尽快查处。', '请核实处理。', ''],
  咨询: ['请相关部门予以解答。', '希望工作人员回电告知。', '请予以答复。', ''],
  求助: ['请求帮助。', '情况紧急，请尽快处理。', '请相关部门协助。', ''],
  建议: ['望采纳。', '请相关部门研究考虑。', ''],
  表扬: ['特此表扬。', '希望对其给予表扬。', ''],
};

export const HOTLINE_STORIES: HotlineStory[] = [
  // --- price, weight and food at stalls ---
  {
    appealType: '投诉',
    category: '市场监管>价格监管',
    merchant: 'seafood',
    amount: [380, 3800],
    weight: 3,
    title: '反映{merchant}海鲜价格不明码标价',
    text: '{time}在{addr}的{merchant}就餐，点了{seafood}等几个菜，结账时被收{amount}元，菜单上[没有标价|只写“时价”|价格写得很小看不清]，店家称海鲜按时价计算，[与店家协商未果|店员态度强硬|拒不退还多收的部分]。',
  },
  {
    appealType: '投诉',
    category: '市场监管>计量监管',
    merchant: 'seafood',
    amount: [80, 900],
    weight: 2,
    title: '反映{merchant}缺斤短两',
    text: '{time}在{merchant}购买了{jin}斤{seafood}，加工费另算，回到住处用自带的秤复称只有{less}斤，怀疑商户的秤[有问题|动了手脚]，要求[退还差价|对其计量器具进行检查]。',
  },
  {
    appealType: '投诉',
    category: '市场监管>计量监管',
    merchant: 'beer',
    weight: 2,
    title: '反映{merchant}扎啤分量不足',
    text: '{time}在{place}附近的{merchant}喝扎啤，店家标称一扎[1|1.5|2]升，实际[倒出来明显不够|杯底一大半是泡沫|用量杯量只有七八成]，[问店员说就是这么打的|店员称泡沫也算量]，认为存在缺量问题。',
  },
  {
    appealType: '投诉',
    category: '市场监管>食品安全',
    merchant: 'bbq',
    weight: 2,
    title: '反映{merchant}卫生条件差',
    text: '{time}在{addr}的{merchant}吃烧烤，发现{foodIssue}，向店家反映后对方[只说给换一份|不承认|让爱吃不吃]，认为该店卫生条件堪忧，要求市场监管部门检查。',
  },
  {
    appealType: '投诉',
    category: '市场监管>食品安全',
    merchant: 'seafood',
    urgent: 0.4,
    title: '反映在{merchant}就餐后身体不适',
    text: '{time}在{merchant}吃了{seafood}等海鲜，一家{n}口[回去后陆续出现腹泻呕吐|夜里开始上吐下泻]，已到医院就诊，怀疑食材不新鲜，要求对该店进行检查并赔偿医疗费用。',
  },
  {
    appealType: '投诉',
    category: '市场监管>价格监管',
    merchant: 'beer',
    place: 'venue',
    weight: 1.5,
    title: '反映{place}帐篷设最低消费',
    text: '{time}在{place}的{merchant}帐篷内，服务员称每桌有最低消费{minSpend}元，不消费不让坐，[菜单上也没写明|入口处没有任何提示]，认为属于强制消费。',
  },
  {
    appealType: '投诉',
    category: '市场监管>消费维权',
    merchant: 'seafood',
    amount: [200, 2600],
    text: '{time}在{merchant}消费{amount}元，要求开具发票，商家以[机器坏了|只能开收据|要加收税点]为由推脱，至今未开。',
  },
  {
    appealType: '举报',
    category: '城市管理>占道经营',
    place: 'night',
    weight: 1.5,
    title: '举报{place}周边流动摊贩占道经营',
    text: '{place}附近每天晚上有流动摊贩占道[卖烧烤、扎啤|摆摊卖海鲜|支桌子卖小吃]，[无证经营|油烟很大|桌椅摆到了机动车道上]，行人只能走到马路上，存在安全隐患。',
  },
  {
    appealType: '投诉',
    category: '市场监管>价格监管',
    merchant: 'seafood',
    place: 'beach',
    amount: [150, 1200],
    text: '在{place}附近被人拉去{merchant}“自选海鲜现场加工”，称重时按[两|半斤]报价，结账按斤算，一顿饭花了{amount}元，怀疑与拉客人员串通宰客。',
  },
  // --- prepaid cards ---
  {
    appealType: '投诉',
    category: '市场监管>预付卡',
    merchant: 'gym',
    hot: true,
    amount: [1500, 8800],
    weight: 3,
    urgent: 0.2,
    title: '{merchant}关门，预付卡无法退费',
    text: '此前在{merchant}办理了{cardType}，花费{amount}元，近日发现门店突然关门，[电话无人接听|老板已联系不上|门上贴着“内部装修暂停营业”]，[会员群里已有{members}人在找|很多会员都来了]，要求相关部门协调退费。',
  },
  {
    appealType: '投诉',
    category: '市场监管>预付卡',
    merchant: 'beauty',
    hot: true,
    amount: [2000, 20000],
    weight: 2,
    title: '反映{merchant}转让后不认预付卡',
    text: '在{merchant}充值{amount}元，还剩{balance}元未消费，现在店铺[转让给了别人|换了招牌]，新老板不认之前的卡，原老板[失联|推说不归他管]，要求退还余额。',
  },
  {
    appealType: '投诉',
    category: '教育>校外培训',
    merchant: 'training',
    hot: true,
    amount: [3000, 26000],
    weight: 2,
    urgent: 0.15,
    title: '{merchant}突然停课，要求退费',
    text: '给孩子在{merchant}报了{subject}课程，一次性交了{amount}元，目前还有{left}节课没上，机构[突然通知停课|把教室退租了|老师都走了]，[退费遥遥无期|只让转到别的机构]，家长群里{members}个家庭都是这种情况。',
  },
  {
    appealType: '咨询',
    category: '市场监管>预付卡',
    merchant: 'gym',
    text: '在{merchant}办的{cardType}想退，商家说[只能转卡不能退|要扣除一半手续费]，想了解预付卡退费有什么规定、应该找哪个部门。',
  },
  {
    appealType: '投诉',
    category: '市场监管>预付卡',
    merchant: 'gym',
    amount: [3000, 16000],
    text: '在{merchant}试练时被私教反复推销课程，一次性刷了{amount}元，签约后教练[离职了|排不上课]，要求退还未上课时的费用被拒。',
  },
  // --- taxis and ride-hailing ---
  {
    appealType: '投诉',
    category: '交通运输>出租车',
    weight: 3,
    amount: [45, 160],
    title: '反映出租车{plate}绕路',
    text: '{time}在{from}乘坐车牌号为{plate}的出租车前往{to}，司机[故意绕路|不走导航路线|绕了一大圈]，平时二三十元的路程花了{amount}元，要求核实处理。',
  },
  {
    appealType: '投诉',
    category: '交通运输>出租车',
    place: 'transport',
    weight: 2,
    title: '反映出租车{plate}拒载',
    text: '{time}在{place}打车，车牌号为{plate}的出租车司机问完目的地后拒载，称[要交班|不顺路|太近了不去|只拼车]，[带着老人孩子等了很久|周围好几辆都是这样]。',
  },
  {
    appealType: '投诉',
    category: '交通运输>出租车',
    place: 'venue',
    amount: [60, 200],
    text: '{place}散场后门口的出租车都不打表，司机开口要价{amount}元，[不同意就不拉|说啤酒节期间都这个价]，希望加强管理。',
  },
  {
    appealType: '投诉',
    category: '交通运输>网约车',
    amount: [60, 300],
    text: '{time}通过网约车平台叫车，从{from}到{to}，实际扣费{amount}元，比预估价高出很多，司机中途还要求取消订单线下付款，平台客服[迟迟不处理|只给了优惠券]。',
  },
  {
    appealType: '举报',
    category: '交通运输>非法营运',
    place: 'transport',
    text: '{place}出站口有黑车司机拉客，[喊价一百多元|车上没有任何营运标志|多人围着游客拉扯]，请相关部门查处。',
  },
  {
    appealType: '建议',
    category: '交通运输>公共交通',
    place: 'beerfest',
    text: '建议啤酒节期间[地铁{line}号线延长运营时间|增开{place}到市区的夜班公交|在{place}设置出租车候车点]，晚上十点以后从{place}回市区很难打车。',
  },
  {
    appealType: '咨询',
    category: '交通运输>公共交通',
    text: '咨询啤酒节期间地铁{line}号线末班车是否延时，以及从{from}到{to}怎么坐车最方便。',
  },
  // --- scenic spots and tourism ---
  {
    appealType: '投诉',
    category: '文化旅游>景区管理',
    place: 'scenic',
    weight: 2.5,
    title: '反映{place}游客拥挤',
    text: '{place}游客太多，[排队要一个多小时|入口没有人疏导|人挤人差点摔倒]，[老人孩子很危险|现场秩序混乱]，建议景区采取限流措施。',
  },
  {
    appealType: '投诉',
    category: '文化旅游>景区管理',
    place: 'mountain',
    amount: [30, 120],
    text: '在{place}乘坐景区观光车，上车后才被告知到山顶还要另外收费{amount}元，[售票时没有说明|指示牌写得不清楚]，认为存在误导消费。',
  },
  {
    appealType: '投诉',
    category: '文化旅游>旅游市场',
    merchant: 'travel',
    amount: [100, 980],
    text: '在{place}附近被人拉去坐{merchant}的游船，说好{price}元一位，上船后又要加收{amount}元，[不交就不让下船|说是看海豚的费用]。',
  },
  {
    appealType: '投诉',
    category: '文化旅游>旅行社',
    merchant: 'travel',
    amount: [1000, 6000],
    text: '跟{merchant}报了崂山一日游，导游把游客带到购物店强制购物，[不买就甩脸色|耽误了两个多小时]，团里有人花了{amount}元买茶叶，要求处理。',
  },
  {
    appealType: '投诉',
    category: '文化旅游>住宿服务',
    merchant: 'hotel',
    amount: [300, 2400],
    title: '反映{merchant}啤酒节期间毁约涨价',
    text: '提前预订了{merchant}啤酒节期间的房间，[入住前一天|到了前台]被告知订单取消，要加价{amount}元才能入住，要求商家按原价履约。',
  },
  {
    appealType: '咨询',
    category: '文化旅游>节庆活动',
    place: 'venue',
    weight: 2,
    text: '咨询今年青岛国际啤酒节{place}会场[几点开门|是否需要门票|有没有烟花表演|能不能带小孩进场]，以及附近停车场的位置。',
  },
  // --- lost people and things ---
  {
    appealType: '求助',
    category: '公共安全>走失人员',
    place: 'scenic',
    urgent: 0.9,
    weight: 1.5,
    title: '{place}儿童走失求助',
    text: '在{place}与孩子走散，走失的是{kid}，{outfit}，已经找了{minutes}分钟没有找到，请求帮助寻找。',
  },
  {
    appealType: '求助',
    category: '公共安全>走失人员',
    urgent: 0.8,
    text: '家中{elderAge}岁老人{time}从{addr}出门后未归，老人[有阿尔茨海默病|记性不好|不会用手机]，穿{color}上衣，请求帮助寻找。',
  },
  {
    appealType: '求助',
    category: '公共服务>失物招领',
    place: 'scenic',
    text: '{time}在{place}游玩时丢失了{item}，里面有[身份证和银行卡|回程车票|孩子的药]，请求帮助查找。',
  },
  {
    appealType: '求助',
    category: '公共安全>其他',
    place: 'night',
    text: '{place}路边有一名男子醉酒[躺在地上|坐在马路牙子上]，[叫不醒|站不起来]，天黑车多很危险，请求相关部门处置。',
  },
  // --- noise, smoke, garbage ---
  {
    appealType: '投诉',
    category: '城市管理>噪音扰民',
    merchant: 'bbq',
    weight: 3,
    title: '反映{merchant}夜间噪音扰民',
    text: '{street}{num}号楼下的{merchant}每晚营业到凌晨{lateHour}点，食客[划拳喧哗|大声喝酒吵闹]，[音响开得很大|还放着露天电视]，严重影响居民休息，多次反映未解决。',
  },
  {
    appealType: '投诉',
    category: '生态环境>大气污染',
    merchant: 'bbq',
    weight: 1.5,
    text: '{merchant}在门口露天烧烤，油烟[直冲居民楼|没有任何净化设施]，晚上不敢开窗，[孩子被呛得咳嗽|衣服晾在外面都是烟味]。',
  },
  {
    appealType: '投诉',
    category: '城市管理>噪音扰民',
    place: 'night',
    text: '{place}附近夜市摊位用大喇叭循环播放叫卖录音，[一直到十一点多|声音特别刺耳]，周边居民无法休息。',
  },
  {
    appealType: '投诉',
    category: '生态环境>噪声污染',
    text: '{street}{num}号附近工地夜间施工，[晚上十二点还在打桩|渣土车进进出出]，不知道是否办理了夜间施工许可，请查处。',
  },
  {
    appealType: '投诉',
    category: '城市管理>环境卫生',
    place: 'night',
    weight: 1.5,
    text: '{place}周边垃圾桶满溢，[啤酒瓶|烧烤竹签|外卖餐盒|海鲜壳]扔得到处都是，[味道很大|招了很多苍蝇]，希望加强清运。',
  },
  {
    appealType: '投诉',
    category: '城市管理>环境卫生',
    place: 'beach',
    text: '{place}沙滩上[到处是游客留下的垃圾|有碎玻璃瓶]，[孩子光脚玩差点扎伤|早上也没人清理]，希望安排保洁。',
  },
  {
    appealType: '建议',
    category: '城市管理>公共设施',
    place: 'beerfest',
    text: '建议在{place}周边[增设临时厕所|多放几个垃圾桶|增加饮水点]，晚上人多[厕所排队要半个小时|垃圾没地方扔]。',
  },
  {
    appealType: '投诉',
    category: '城市管理>共享单车',
    place: 'transport',
    text: '{place}门口共享单车乱停乱放，[堵住了盲道|把出口都堵了]，[推着行李箱过不去|老人差点绊倒]。',
  },
  // --- traffic and parking ---
  {
    appealType: '投诉',
    category: '交通运输>停车管理',
    merchant: 'parking',
    amount: [30, 200],
    weight: 1.5,
    title: '反映{merchant}停车乱收费',
    text: '在{place}附近的{merchant}停车{n}小时被收{amount}元，[现场没有收费公示|收费员不给票据|说是节日特殊价格]，认为乱收费。',
  },
  {
    appealType: '投诉',
    category: '公安交警>违法停车',
    weight: 1.5,
    text: '{street}与{street2}路口每到晚上车辆乱停乱放，[消防通道被堵|公交车过不去|小区出入口被堵]，请交警部门管理。',
  },
  {
    appealType: '咨询',
    category: '交通运输>停车管理',
    place: 'beerfest',
    text: '咨询{place}附近有没有公共停车场，啤酒节期间[是否有交通管制|停车怎么收费|有没有接驳车]。',
  },
  {
    appealType: '建议',
    category: '公安交警>交通秩序',
    place: 'venue',
    text: '每晚{place}散场时{street}堵得水泄不通，[行人和车辆混行|出租车随意停靠上下客]，建议散场时段增派交警疏导。',
  },
  {
    appealType: '举报',
    category: '公安交警>酒后驾驶',
    text: '举报{addr}附近有人[在大排档喝完酒后开车离开|酒后驾驶电动车载人]，车牌号{plate}，请交警部门查处。',
  },
  // --- praise ---
  {
    appealType: '表扬',
    category: '公安>表扬',
    place: 'scenic',
    weight: 1.5,
    text: '来电表扬在{place}执勤的[交警|民警|辅警]{surname}警官，{time}帮助来电人找到了走失的孩子，[非常负责|态度特别好]。',
  },
  {
    appealType: '表扬',
    category: '市场监管>表扬',
    merchant: 'seafood',
    text: '表扬{merchant}老板诚信经营，[结账时主动抹零|发现多收了钱追出来退还|主动提醒点的菜太多吃不完]，为青岛形象加分。',
  },
  {
    appealType: '表扬',
    category: '交通运输>出租车',
    text: '表扬车牌号为{plate}的出租车司机{surname}师傅，将来电人遗落在车上的{item}[主动送回|送到了派出所]，拾金不昧。',
  },
  {
    appealType: '表扬',
    category: '城市管理>表扬',
    place: 'beerfest',
    text: '表扬{place}的[环卫工人|志愿者|城管队员]，[凌晨还在清理垃圾|热心帮游客指路|帮忙照看老人]，辛苦了。',
  },
  {
    appealType: '表扬',
    category: '政务服务>表扬',
    text: '前几天反映的{street}噪音问题[已经解决|当天就有人来处理了]，表扬12345热线和承办单位工作效率高。',
  },
];

// ---- consumer (12315) -----------------------------------------------------------------------

export type ConsumerKind = '投诉' | '举报' | '咨询';

export interface ConsumerStory extends StoryBase {
  kind: ConsumerKind;
  industry: string;
  /** filed by a professional claimant */
  claimant?: boolean;
}

export const CONSUMER_OPENERS: Record<ConsumerKind, string[]> = {
  投诉: ['消费者称，', '投诉人反映：', '消费者反映，', '', ''],
  举报: ['举报人称：', '据举报，', '举报人反映，', ''],
  咨询: ['消费者', '来电人', ''],
};

export const CONSUMER_STORIES: ConsumerStory[] = [
  {
    kind: '投诉',
    industry: '餐饮服务',
    merchant: 'seafood',
    amount: [300, 4200],
    weight: 3,
    text: '{time}在{merchant}就餐，{seafood}标价{price}元/斤，结账时却按{price2}元/斤计算，共消费{amount}元，要求退还差价。',
  },
  {
    kind: '投诉',
    industry: '餐饮服务',
    merchant: 'seafood',
    amount: [100, 800],
    weight: 2,
    text: '在{merchant}选购海鲜现场称重，回来复称发现缺斤短两，[{jin}斤只有{less}斤|一斤少了二两多]，涉及金额{amount}元。',
  },
  {
    kind: '投诉',
    industry: '餐饮服务',
    merchant: 'seafood',
    amount: [120, 1500],
    text: '在{merchant}点的{seafood}上桌时发现[是死的|有异味|已经发软]，要求更换被拒，店家坚持全额收费{amount}元。',
  },
  {
    kind: '投诉',
    industry: '餐饮服务',
    merchant: 'bbq',
    amount: [20, 300],
    text: '{merchant}收取[开瓶费|餐位费|纸巾费|包间费]{price}元，消费前未告知，要求退还。',
  },
  {
    kind: '投诉',
    industry: '餐饮服务',
    merchant: 'beer',
    place: 'beerfest',
    amount: [200, 1500],
    text: '在{place}的{merchant}消费，服务员[私自加单|多算了两扎啤酒|把别桌的菜算到我们桌]，共收取{amount}元，与实际消费不符。',
  },
  {
    kind: '投诉',
    industry: '预付卡消费',
    merchant: 'gym',
    hot: true,
    amount: [1500, 9800],
    weight: 3,
    text: '在{merchant}办理{cardType}{amount}元，使用不到{monthsUsed}个月门店[关门停业|人去楼空|被房东收回]，经营者联系不上，要求退还剩余费用。',
  },
  {
    kind: '投诉',
    industry: '预付卡消费',
    merchant: 'beauty',
    hot: true,
    amount: [1000, 30000],
    weight: 2,
    text: '在{merchant}做免费体验时被[反复推销|诱导]办卡，先后充值{amount}元，现在门店[关门|转让]，余额{balance}元无法使用。',
  },
  {
    kind: '投诉',
    industry: '预付卡消费',
    merchant: 'training',
    hot: true,
    amount: [2000, 28000],
    weight: 2,
    text: '为孩子在{merchant}预交{subject}课程费用{amount}元，机构[停课|搬走]后不退费，[还有{left}节课没上|合同里写着“概不退款”]。',
  },
  {
    kind: '投诉',
    industry: '预付卡消费',
    merchant: 'beauty',
    amount: [500, 5000],
    text: '{merchant}储值卡充值后，商家[单方面涨价|把服务项目缩水|要求再充值才能使用优惠]，要求按办卡时的约定履行或退款{amount}元。',
  },
  {
    kind: '投诉',
    industry: '旅游服务',
    merchant: 'travel',
    amount: [300, 5000],
    weight: 1.5,
    text: '参加{merchant}组织的一日游，[行程与合同不符|被带进购物店不让走|景点被临时取消]，要求退还团费{amount}元中的相应部分。',
  },
  {
    kind: '投诉',
    industry: '旅游服务',
    merchant: 'teashop',
    amount: [200, 3000],
    weight: 1.5,
    text: '在{place}附近的{merchant}购买“崂山绿茶”{jin}斤，花费{amount}元，店员称是[自家茶园|明前]茶，回去后发现是外地茶冒充，要求退货。',
  },
  {
    kind: '投诉',
    industry: '住宿服务',
    merchant: 'hotel',
    amount: [300, 3000],
    text: '在网上预订的{merchant}，到店后[房间与图片严重不符|没有海景|空调不制冷]，要求退款被拒，涉及金额{amount}元。',
  },
  {
    kind: '投诉',
    industry: '家电百货',
    merchant: 'appliance',
    amount: [1500, 9000],
    weight: 2,
    text: '在{merchant}购买{appliance}，[安装时被额外收取材料费{price}元|使用不到一周出现故障|以旧换新补贴迟迟未到账]，商家[推诿|让找厂家]，涉及金额{amount}元。',
  },
  {
    kind: '投诉',
    industry: '家电百货',
    merchant: 'appliance',
    amount: [200, 1800],
    text: '请{merchant}上门维修{appliance}，师傅[没修好就|换了配件不给旧件，还]收了{amount}元，要求退还部分费用。',
  },
  {
    kind: '投诉',
    industry: '文化娱乐',
    merchant: 'ktv',
    amount: [500, 4000],
    text: '在{merchant}消费，酒水价格没有明码标价，[一打啤酒收了{price}元|果盘收了三百多元]，结账共{amount}元。',
  },
  {
    kind: '投诉',
    industry: '停车服务',
    merchant: 'parking',
    amount: [20, 150],
    text: '在{merchant}停车{n}小时，实际缴费{amount}元，[收费标准未公示|按天收费|比公示价格多收了一倍]，要求退还多收部分。',
  },
  {
    kind: '举报',
    industry: '食品销售',
    merchant: 'supermarket',
    amount: [10, 200],
    text: '在{merchant}发现货架上有过期{goods}在售，[生产日期已过保质期三个多月|标签被覆盖重新贴过]，请依法查处。',
  },
  {
    kind: '举报',
    industry: '餐饮服务',
    merchant: 'beer',
    text: '{merchant}销售的“原浆啤酒”疑似[兑水|用普通啤酒冒充]，价格却按原浆收取，请执法部门检查。',
  },
  {
    kind: '举报',
    industry: '餐饮服务',
    merchant: 'bbq',
    text: '{merchant}[后厨卫生脏乱|从业人员没有健康证|使用来源不明的肉串]，请相关部门检查。',
  },
  {
    kind: '投诉',
    industry: '食品销售',
    merchant: 'supermarket',
    claimant: true,
    weight: 0.25,
    amount: [30, 600],
    text: '在{merchant}购买{goods}{n}件，经查其标签[未标注生产许可证编号|配料表与营养成分表不符|标注的执行标准已废止]，不符合食品安全国家标准，要求[退一赔十|十倍赔偿|假一赔十]，共计{amount}元。',
  },
  {
    kind: '举报',
    industry: '食品销售',
    merchant: 'supermarket',
    claimant: true,
    weight: 0.25,
    amount: [20, 400],
    text: '{merchant}销售的{goods}[宣传“零添加”与实际不符|属于三无产品|超范围使用食品添加剂]，要求依法查处并按《食品安全法》给予十倍赔偿。',
  },
  {
    kind: '咨询',
    industry: '预付卡消费',
    merchant: 'gym',
    text: '咨询{merchant}即将转让，办的预付卡余额能否要求原经营者退还，以及需要准备哪些材料。',
  },
  {
    kind: '咨询',
    industry: '网络购物',
    text: '咨询网购商品[七天无理由退货|收到货后发现是二手|商家拒绝开发票]应该如何维权。',
  },
  {
    kind: '咨询',
    industry: '餐饮服务',
    text: '咨询餐馆[收取餐位费|禁止自带酒水|海鲜按“时价”]是否合法，遇到这种情况应该怎么投诉。',
  },
];

// ---- police (110) ---------------------------------------------------------------------------

export type AlarmType = '刑事' | '治安' | '交通' | '火灾' | '纠纷' | '求助' | '群体性事件' | '其他';

export interface PoliceStory extends StoryBase {
  alarmType: AlarmType;
  level: [number, number];
  /** range of casualties, reported with the given chance */
  casualties?: [number, number];
  casualtyChance?: number;
}

export const POLICE_OPENERS = [
  '报警人称：',
  '报警人称，',
  '{hm}许，报警人称',
  '群众报警：',
  '报警人{surname}先生称，',
  '报警人{surname}女士称，',
  '',
];

export const POLICE_STORIES: PoliceStory[] = [
  // 纠纷
  {
    alarmType: '纠纷',
    level: [3, 4],
    merchant: 'seafood',
    weight: 3,
    text: '在{merchant}就餐，结账时因价格与店家发生纠纷，[店家不让离开|双方争吵激烈|对方要动手]，请求出警。',
  },
  {
    alarmType: '纠纷',
    level: [3, 4],
    weight: 2,
    text: '在{to}下车时与出租车司机（车牌{plate}）因车费发生纠纷，司机[拒绝给票|锁车门不让下车]，请求出警。',
  },
  {
    alarmType: '纠纷',
    level: [3, 4],
    merchant: 'bbq',
    weight: 2,
    text: '在{merchant}吃饭时与邻桌因琐事发生口角，对方[人多|喝了酒情绪激动]，请求出警处理。',
  },
  { alarmType: '纠纷', level: [4, 4], text: '{street}{num}号门前因停车位与他人发生争执，对方把车堵在门口不挪，请求出警。' },
  {
    alarmType: '纠纷',
    level: [3, 3],
    merchant: 'gym',
    hot: true,
    text: '{n}名会员在{merchant}门口与店员争执，要求退还会员费，情绪激动，请求出警维持秩序。',
  },
  { alarmType: '纠纷', level: [4, 4], merchant: 'bbq', text: '楼下{merchant}凌晨还很吵，下楼交涉时与店主发生争吵，请求出警。' },
  {
    alarmType: '纠纷',
    level: [3, 4],
    merchant: 'hotel',
    text: '在{merchant}办理入住时店家要求加价，不加价就不给房，双方发生争执，请求出警。',
  },
  // 求助
  {
    alarmType: '求助',
    level: [2, 2],
    place: 'scenic',
    weight: 2,
    text: '在{place}与孩子走失约{minutes}分钟，走失的是{kid}，{outfit}，请求帮助寻找。',
  },
  {
    alarmType: '求助',
    level: [2, 3],
    place: 'venue',
    weight: 1.5,
    text: '{place}有{kid}与家长走散，{outfit}，现由保安看护在[东门|2号门|服务台]，请求民警协助联系家长。',
  },
  { alarmType: '求助', level: [3, 3], text: '家中{elderAge}岁老人从{addr}附近出门后走失，穿{color}上衣，请求帮助寻找。' },
  { alarmType: '求助', level: [3, 4], place: 'night', weight: 1.5, text: '{place}路边有一名男子醉酒倒地，无法自行离开，请求处置。' },
  { alarmType: '求助', level: [4, 4], place: 'scenic', text: '在{place}游玩时{item}丢失，请求帮助查找。' },
  { alarmType: '求助', level: [2, 3], place: 'mountain', text: '{n}名游客在{place}爬山迷路，天色已晚，手机电量不多，请求救助。' },
  {
    alarmType: '求助',
    level: [2, 2],
    place: 'beach',
    casualties: [0, 1],
    casualtyChance: 0.4,
    text: '{place}有一名游客游泳时体力不支，[已被救上岸|正在呼救]，请求救援。',
  },
  // 治安
  { alarmType: '治安', level: [3, 3], place: 'beerfest', weight: 1.5, text: '在{place}人多拥挤处手机被盗，请求出警。' },
  {
    alarmType: '治安',
    level: [2, 3],
    merchant: 'bbq',
    casualties: [1, 2],
    casualtyChance: 0.6,
    weight: 1.5,
    text: '{merchant}门口有数人酒后打架，[有人头部流血|现场有人拿酒瓶]，请求出警。',
  },
  { alarmType: '治安', level: [3, 4], place: 'scenic', text: '{place}有人强行拉客、纠缠游客，[不去就骂人|跟着游客走了很远]，请求处理。' },
  { alarmType: '治安', level: [3, 4], place: 'venue', text: '{place}入口附近有人倒卖门票、手环，请求查处。' },
  { alarmType: '治安', level: [3, 4], place: 'beach', text: '{place}有人[偷拍游客|醉酒滋事|在更衣室附近徘徊]，请求出警。' },
  // 交通
  {
    alarmType: '交通',
    level: [3, 4],
    weight: 2.5,
    casualties: [0, 0],
    casualtyChance: 0.5,
    text: '{street}与{street2}路口两车发生剐蹭，无人员受伤，双方对责任有争议，请求处理。',
  },
  {
    alarmType: '交通',
    level: [2, 3],
    casualties: [1, 2],
    casualtyChance: 0.9,
    weight: 1.5,
    text: '{street}{num}号附近一辆电动车与行人相撞，[有人受伤倒地|伤者腿部出血]，请求出警并联系120。',
  },
  { alarmType: '交通', level: [3, 4], place: 'beerfest', text: '{place}周边道路有车辆违停，[堵塞交通|公交车无法通行]，请求处理。' },
  { alarmType: '交通', level: [2, 3], text: '{street}上一辆[白色|黑色|银色]轿车行驶异常，怀疑驾驶人酒后驾车，车牌{plate}，请求查处。' },
  { alarmType: '交通', level: [3, 3], place: 'transport', text: '{place}门口出租车和网约车抢道上客，造成拥堵，请求疏导。' },
  // 刑事
  { alarmType: '刑事', level: [2, 3], amount: [300, 8000], text: '在网上购买啤酒节门票和酒店套餐，付款{amount}元后被对方拉黑，怀疑被骗。' },
  { alarmType: '刑事', level: [2, 2], text: '在{street}被人抢夺挎包后逃跑，嫌疑人骑[黑色电动车|摩托车]往{street2}方向去了。' },
  { alarmType: '刑事', level: [2, 3], merchant: 'hotel', text: '在{merchant}入住期间房间内财物被盗，损失现金和首饰，请求出警。' },
  // 火灾
  {
    alarmType: '火灾',
    level: [2, 2],
    merchant: 'bbq',
    casualties: [0, 1],
    casualtyChance: 0.5,
    text: '{merchant}后厨起火，冒出浓烟，[店内人员已疏散|有人被困]，请求出警。',
  },
  { alarmType: '火灾', level: [2, 3], text: '{street}{num}号楼下一辆电动车起火，火势不大，请求出警。' },
  // 其他
  { alarmType: '其他', level: [4, 4], text: '{street}{num}号附近[井盖缺失|路灯不亮|树枝断落]，存在安全隐患，请求处理。' },
  { alarmType: '其他', level: [4, 4], place: 'beach', text: '{place}有人燃放烟花，影响游客安全，请求处理。' },
  { alarmType: '其他', level: [3, 4], place: 'scenic', text: '{place}有人放飞无人机，[距离人群很近|在禁飞区]，请求处理。' },
];

/** 群体性事件: rare on purpose (see the generator's RARE rates). */
export const POLICE_MASS_STORIES: PoliceStory[] = [
  {
    alarmType: '群体性事件',
    level: [1, 2],
    merchant: 'gym',
    hot: true,
    text: '{many}名消费者聚集在{merchant}门店前讨要说法，要求退还预付卡费用，现场情绪激动，[部分人员堵塞道路|有人拉起横幅]，请求出警。',
  },
  {
    alarmType: '群体性事件',
    level: [1, 2],
    merchant: 'training',
    hot: true,
    text: '{many}名学生家长聚集在{merchant}门口，要求机构负责人出面退还学费，现场秩序混乱，请求出警。',
  },
  {
    alarmType: '群体性事件',
    level: [1, 2],
    text: '{many}名工人聚集在{street}{num}号工地门口讨要工资，拉起横幅，部分人员[堵塞道路|情绪激动]，请求出警。',
  },
  {
    alarmType: '群体性事件',
    level: [1, 2],
    place: 'venue',
    merchant: 'beer',
    text: '{place}一帐篷商户与{many}名顾客因价格问题发生对峙，围观人员越来越多，请求出警。',
  },
];

/** Incidents that harm 3 or more people at once: rare on purpose. */
export const POLICE_HARM_STORIES: PoliceStory[] = [
  {
    alarmType: '求助',
    level: [1, 1],
    merchant: 'seafood',
    casualties: [3, 12],
    casualtyChance: 1,
    text: '{merchant}多名食客用餐后出现呕吐、腹泻等疑似食物中毒症状，已有{casualties}人送医，请求出警。',
  },
  {
    alarmType: '治安',
    level: [1, 1],
    place: 'venue',
    casualties: [3, 9],
    casualtyChance: 1,
    text: '{place}入口处人员拥挤发生踩踏，有{casualties}人摔倒受伤，现场秩序混乱，请求增援。',
  },
  {
    alarmType: '交通',
    level: [1, 2],
    casualties: [3, 6],
    casualtyChance: 1,
    text: '{street}发生多车追尾事故，{casualties}人受伤，[有人被困车内|车辆冒烟]，请求出警并联系120。',
  },
  {
    alarmType: '火灾',
    level: [1, 1],
    merchant: 'bbq',
    casualties: [3, 5],
    casualtyChance: 1,
    text: '{merchant}燃气罐起火，{casualties}人烧伤，火势正在蔓延，请求出警。',
  },
];

// ---- public opinion (舆情) -------------------------------------------------------------------

export type Tone = 'negative' | 'positive' | 'neutral';

export interface SentimentStory extends StoryBase {
  tone: Tone;
  /** written by a news account */
  media?: boolean;
}

export const SENTIMENT_STORIES: SentimentStory[] = [
  // negative
  {
    tone: 'negative',
    merchant: 'seafood',
    amount: [600, 6800],
    weight: 3,
    text: '避雷！在{place}附近的{merchant}吃了顿海鲜，{n}个菜收了{amount}，{seafood}说是按[只|两]算不是按斤，问老板就说“时价”。这就是好客山东？',
  },
  {
    tone: 'negative',
    merchant: 'beer',
    place: 'beerfest',
    weight: 2,
    text: '今晚在{place}喝扎啤，一扎[一半|三分之一]都是泡沫，说是{price}块一扎，大家评评理。',
  },
  {
    tone: 'negative',
    amount: [60, 180],
    weight: 2,
    text: '从{from}打车到{to}，司机[绕了一大圈|一路不打表]，收了我{amount}块！青岛出租车能不能管管',
  },
  {
    tone: 'negative',
    place: 'transport',
    text: '在{place}排了四十分钟打车，连着[三|四|五]个司机拒载，说太近不去，拖着行李箱带着孩子真的崩溃',
  },
  {
    tone: 'negative',
    place: 'venue',
    weight: 2,
    text: '{place}人真的太多了，[排队两个小时才进场|厕所排队半小时|出口挤得喘不过气]，主办方能不能[限流|多开几个门]',
  },
  {
    tone: 'negative',
    merchant: 'gym',
    hot: true,
    weight: 2,
    text: '{merchant}跑路了！上周还在推销年卡，今天门一锁老板就联系不上，[几百个会员|我们群里{members}个人]的钱怎么办？大家已经准备一起去维权了',
  },
  {
    tone: 'negative',
    merchant: 'training',
    hot: true,
    text: '孩子的{subject}课上了不到一半，{merchant}说停就停，[退费找不到人|电话打不通]，家长们商量着去[找媒体曝光|门店讨说法]',
  },
  { tone: 'negative', merchant: 'bbq', text: '在{merchant}吃烧烤，{foodIssue}，老板还嫌我事多，[再也不去了|已经打了12345]' },
  {
    tone: 'negative',
    merchant: 'hotel',
    amount: [300, 2000],
    text: '啤酒节期间订的{merchant}，到了说房间没了，要加{amount}才有房，这种坐地起价谁来管？',
  },
  {
    tone: 'negative',
    merchant: 'parking',
    amount: [50, 300],
    text: '在{place}旁边停了[三|四|五]个小时车收了{amount}，没有任何收费标准公示，[抢钱吗|太离谱了]',
  },
  { tone: 'negative', merchant: 'bbq', text: '楼下{merchant}每天吵到凌晨[两|三]点，打了好几次电话都没用，住在这里真的睡不着' },
  { tone: 'negative', place: 'beach', text: '早上去{place}，沙滩上全是[啤酒瓶|烧烤签子|外卖盒]，昨晚的游客素质呢' },
  {
    tone: 'negative',
    merchant: 'seafood',
    weight: 1.2,
    text: '昨晚在{merchant}吃完，今天全家都[上吐下泻|拉肚子]，刚从医院出来，[花了好几百|孩子还在输液]，店家电话不接',
  },
  { tone: 'negative', place: 'venue', text: '刚才{place}门口[差点发生踩踏|人挤人有人摔倒了]，太吓人了，带孩子的千万别晚上去' },
  { tone: 'negative', place: 'transport', text: '{place}门口的黑车也太猖狂了吧，上来就拉着你的行李走，到{to}张口就要两百' },
  {
    tone: 'negative',
    merchant: 'travel',
    amount: [100, 600],
    text: '坐了{merchant}的船说看海豚，一只都没看到，上船后又交了{amount}，[全是套路|被坑惨了]',
  },
  {
    tone: 'negative',
    merchant: 'teashop',
    text: '在{place}下山买的崂山茶，回家一泡全是碎末，问了懂行的朋友说根本不是崂山的，{merchant}[别去|拉黑]',
  },
  { tone: 'negative', place: 'night', text: '刚在{place}看到有人打架，好几个人喝多了拿酒瓶子砸，警察已经来了' },
  // neutral / news / help
  {
    tone: 'neutral',
    place: 'scenic',
    weight: 1.5,
    text: '急！{place}走失了{kid}，{outfit}，家长[急疯了|在服务台等]，看到的朋友[请联系现场工作人员|请报警]，扩散！',
  },
  {
    tone: 'neutral',
    media: true,
    place: 'beerfest',
    weight: 1.5,
    text: '【提示】啤酒节期间{place}周边实行交通管制，[地铁{line}号线延时运营至24时|增开夜间接驳公交]，请市民游客合理安排出行。',
  },
  {
    tone: 'neutral',
    media: true,
    text: '【关注】市场监管部门连日开展啤酒节[餐饮|海鲜]市场专项检查，重点检查明码标价、计量器具和食品安全，消费者遇到问题可拨打12315。',
  },
  { tone: 'neutral', media: true, place: 'venue', text: '今晚{place}入园人数突破{tenThousand}万人次，现场安保、医疗、志愿服务有序开展。' },
  { tone: 'neutral', place: 'venue', text: '想问一下去{place}[怎么停车方便|几点人少|需要提前买票吗]？第一次来青岛，求攻略' },
  { tone: 'neutral', media: true, text: '【突发】{street}发生一起交通事故，目前交警已在现场处置，过往车辆请注意绕行。' },
  {
    tone: 'neutral',
    media: true,
    merchant: 'gym',
    hot: true,
    text: '【追踪】{merchant}突然闭店，多名会员反映预付费用无法退还，[市场监管部门已介入调查|记者多次联系经营者未果]。',
  },
  // positive
  {
    tone: 'positive',
    place: 'beerfest',
    weight: 2,
    text: '第一次来青岛啤酒节，{place}氛围太好了！[扎啤配蛤蜊|现场乐队超燃|烟花特别美]，明年还来',
  },
  {
    tone: 'positive',
    place: 'scenic',
    weight: 1.5,
    text: '在{place}孩子走丢了，[交警|民警|志愿者]不到二十分钟就帮我们找到了，青岛的警察太暖了',
  },
  { tone: 'positive', merchant: 'seafood', text: '{merchant}老板人真好，点多了主动提醒我们够吃了，结账还抹了零，[良心商家|推荐]' },
  { tone: 'positive', text: '手机落在出租车上，{surname}师傅专门开回来送给我，一分钱都不要，为青岛的哥点赞' },
  {
    tone: 'positive',
    place: 'scenic',
    weight: 1.5,
    text: '傍晚的{place}[真的太美了|随手一拍都是壁纸|海风吹着好舒服]，青岛的夏天就是这个味道',
  },
  { tone: 'positive', text: '上周打12345反映{street}的噪音问题，[第二天就有人来处理了|很快回电了]，现在晚上安静多了，点赞' },
];
