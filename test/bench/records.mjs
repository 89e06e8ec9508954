// Realistic native feed records for the benchmark (CONTRACT §2), varied but deterministic (seeded).
// Every record's id carries the time it was sent: `<prefix>-<sendMs>-<tag>-<n>`, so the duty
// socket can tell how long a record took from the POST to its `incidents` push.

export const CHANNELS = ['12345', '12315', '110', 'sentiment'];
// share of requests per channel: the hotline is the busiest feed
const CHANNEL_WEIGHTS = { 12345: 4, 12315: 2, 110: 2, sentiment: 2 };
export const CHANNEL_CYCLE = CHANNELS.flatMap((c) => Array(CHANNEL_WEIGHTS[c]).fill(c));

/** mulberry32: small, fast, seeded */
export function rng(seed = 20260720) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ADDRESSES = [
  '青岛市市北区登州路56号',
  '青岛市市北区台东三路88号',
  '青岛市市北区辽宁路141号',
  '青岛市市北区延吉路116号',
  '青岛市市南区中山路108号',
  '青岛市市南区香港中路76号',
  '青岛市市南区太平路栈桥',
  '青岛市市南区闽江路12号',
  '青岛市崂山区海尔路178号',
  '青岛市崂山区石老人海水浴场',
  '青岛市李沧区京口路36号',
  '青岛市李沧区书院路88号',
  '青岛市黄岛区长江中路228号',
  '青岛市黄岛区金沙滩啤酒城',
  '青岛市城阳区正阳路200号',
  '青岛市即墨区鹤山路500号',
  '胶州市福州南路218号',
  '平度市红旗路30号',
  '莱西市烟台路68号',
];
const WHEN = ['今天下午三点左右，', '最近一个月以来，', '昨天晚上十点多，', '今天上午，', '本周连续三天，', '刚才，', '从上周开始，'];
const HOTLINE_ISSUES = [
  '小区楼下烧烤摊每晚营业到凌晨两点，油烟和噪音严重影响居民休息，多次反映一直没有解决，',
  '路口井盖破损下陷已有一周，夜间行人和电动车经过存在很大安全隐患，已经有人摔倒受伤，',
  '附近工地夜间违规施工，渣土车频繁进出不加遮盖，道路扬尘严重，周边居民无法开窗通风，',
  '啤酒街一家大排档海鲜按斤称重缺斤短两，老板态度恶劣拒不退款，还对顾客出言威胁，',
  '公交站台候车亭玻璃破碎一直无人维修，雨天老人孩子候车不便，碎玻璃容易伤人，',
  '小区供暖温度不达标，室内只有十四度左右，家中老人孩子冻得感冒，物业推诿不管，',
  '出租车司机拒载外地游客并且不打表，从火车站到景区开口要价一百元，态度很差，',
  '景区停车场乱收费，公示标价十元每小时实际收取三十元，也不给开具正规票据，',
];
const HOTLINE_DEMANDS = [
  '希望相关部门尽快处理。',
  '要求市场监管部门核查并给予答复。',
  '请城管部门到现场查看处理。',
  '请尽快安排人员维修。',
  '请相关部门依法查处。',
];
const CONSUMER_ISSUES = [
  '在该健身房办理预付卡三千元，门店突然关门停业，工作人员联系不上，无法办理退款，',
  '在该店购买的冰箱使用不到一个月就不制冷，商家以人为损坏为由拒绝三包，',
  '在该餐馆就餐后全家出现腹泻症状，怀疑食材不新鲜，商家拒不承认，',
  '报名该旅行社一日游被强制带到购物店，导游威胁不消费不让上车，',
  '在该美容店办理会员卡充值五千元，店家更换老板后不再认可原会员卡，',
  '网购的海鲜礼盒到货时已经变质发臭，商家客服一直不回复，',
];
const CONSUMER_DEMANDS = ['要求退还全部费用。', '请求市场监管部门调解。', '要求商家赔偿损失。', '希望尽快核实处理。'];
const MERCHANT_NAMES = [
  '力美健身(台东店)',
  '海韵家电商城',
  '老船长海鲜酒楼',
  '青春假期旅行社',
  '丽人坊美容会所',
  '渔港鲜生电商',
  '金海岸大酒店',
  '啤酒街张记大排档',
  '崂山茶行',
  '好运来超市(李沧店)',
  '东方数码广场',
  '蓝海汽车维修中心',
];
const INDUSTRIES = ['预付卡消费', '家电百货', '餐饮服务', '旅游服务', '美容美发', '网络购物'];
const ALARM_TYPES = ['刑事', '治安', '交通', '火灾', '纠纷', '求助', '其他'];
const ALARM_SUMMARIES = [
  '报警人称在路边与出租车司机发生纠纷，司机拒绝打表并辱骂乘客，双方情绪激动，请求民警到场处理。',
  '报警人称其电动车停放在楼下被盗，车辆为白色，价值约三千元，现场有监控，请求出警。',
  '报警人称路口两车相撞，一人轻微擦伤，车辆堵塞车道，造成交通拥堵，请求交警到场。',
  '报警人称楼道内堆放杂物起火冒烟，已用灭火器扑救，现场仍有浓烟，请求消防确认。',
  '报警人称邻居家中深夜持续大声播放音乐，多次劝说无果，影响休息，请求处理。',
  '报警人称一名老人在海边迷路，神志不清，说不出家庭住址，请求民警协助寻找家属。',
];
const PLATFORMS = ['weibo', 'douyin', 'wechat', 'xiaohongshu', 'news', 'forum'];
const POST_TEXTS = [
  '金沙滩啤酒城人太多了，排队两个小时才进去，现场秩序有点混乱，希望主办方多安排工作人员疏导。',
  '栈桥附近的海鲜店又在宰客，一盘蛤蜊要价两百多，大家来青岛旅游一定要看清价格再点菜。',
  '今天地铁二号线早高峰故障停运了二十分钟，站台上挤满了人，上班全都迟到了，有没有人一样？',
  '崂山景区门口的停车场太难找车位了，绕了三圈都没有空位，建议增加接驳公交班次。',
  '小区附近新开的夜市每晚都很吵，烧烤油烟飘进家里，跟街道反映了也没人管，怎么办？',
  '台东步行街今晚的灯光秀太好看了，人山人海，不过垃圾桶太少了，地上到处是饮料瓶。',
];
const TOPICS = [['青岛国际啤酒节'], ['青岛旅游'], ['青岛地铁'], ['崂山'], ['台东步行街'], []];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂兰',
  '志强',
];

// Unified social credit codes with a valid check character (GB 32100-2015)
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return first17 + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}
const MERCHANTS = MERCHANT_NAMES.map((name, i) => ({
  name,
  uscc: uscc(`9137020${String(2000 + i * 37).padStart(4, '0')}MA${String(100 + i * 13).padStart(4, '0')}`),
  address: ADDRESSES[(i * 5) % ADDRESSES.length].replace(/^青岛市/, ''),
}));

/** ISO 8601 in Beijing time with +08:00. */
export function beijingIso(ms) {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00';
}

export function createGenerator(seed = 20260720) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const name = () => pick(SURNAMES) + pick(GIVEN);
  const phone = () => `1${pick('3456789')}${String(int(0, 999_999_999)).padStart(9, '0')}`;
  const detail = () => `${pick(['', '', '附近', '门口', '对面'])}${int(1, 60)}号楼${int(1, 6)}单元的住户多次反映，`;

  const make = {
    12345: (id, sendMs) => ({
      orderNo: id,
      acceptedAt: beijingIso(sendMs - 60_000),
      appealType: pick(['投诉', '投诉', '投诉', '举报', '求助', '咨询', '建议']),
      source: pick(['phone', 'phone', 'wechat', 'app', 'web']),
      content: pick(WHEN) + pick(HOTLINE_ISSUES) + detail() + pick(HOTLINE_DEMANDS),
      address: pick(ADDRESSES),
      citizen: { name: name(), phone: phone() },
      urgency: r() < 0.1 ? '紧急' : '一般',
      // isoTime refuses anything more than a day ahead, due times included
      dueAt: beijingIso(sendMs + 12 * 3600_000),
    }),
    12315: (id, sendMs) => {
      const merchant = pick(MERCHANTS);
      return {
        regNo: id,
        kind: pick(['投诉', '投诉', '举报']),
        receivedAt: beijingIso(sendMs - 60_000),
        content: pick(WHEN) + pick(CONSUMER_ISSUES) + pick(CONSUMER_DEMANDS),
        merchant: r() < 0.7 ? merchant : { name: merchant.name, address: merchant.address },
        consumer: { name: name(), phone: phone() },
        industry: pick(INDUSTRIES),
        amount: int(50, 8000),
      };
    },
    110: (id, sendMs) => ({
      caseNo: id,
      reportedAt: beijingIso(sendMs - 60_000),
      alarmType: pick(ALARM_TYPES),
      summary: pick(ALARM_SUMMARIES),
      address: pick(ADDRESSES),
      level: int(2, 4),
      callerPhone: phone(),
    }),
    sentiment: (id, sendMs) => ({
      postId: id,
      platform: pick(PLATFORMS),
      publishedAt: beijingIso(sendMs - 60_000),
      text: `${pick(['#青岛# ', '', '【求助】', ''])}${pick(POST_TEXTS)}`,
      author: {
        name: `${pick(['青岛', '岛城', '崂山', '海边'])}${pick(['小猫', '老李', '吃货', '打工人', '游客'])}${int(1, 999)}`,
        followers: int(10, 50_000),
        verified: r() < 0.05,
      },
      url: `https://weibo.com/${int(100000, 999999)}/${int(1e8, 9e8).toString(36)}`,
      metrics: { reposts: int(0, 50), comments: int(0, 80), likes: int(0, 300) },
      location: '山东青岛',
      topics: pick(TOPICS),
    }),
  };
  const prefix = { 12345: 'GD', 12315: 'DJ', 110: 'JJ', sentiment: 'WB' };

  return {
    /** One record of a channel with id `<prefix>-<sendMs>-<tag>-<n>`. */
    record(channel, sendMs, tag, n) {
      return make[channel](`${prefix[channel]}-${sendMs}-${tag}-${n}`, sendMs);
    },
    random: r,
  };
}

/** Parses `<prefix>-<sendMs>-<tag>-<n>`; null for ids that are not ours. */
export function parseId(externalId) {
  const parts = String(externalId).split('-');
  if (parts.length !== 4) return null;
  const sendMs = Number(parts[1]);
  return Number.isFinite(sendMs) ? { sendMs, tag: parts[2] } : null;
}

// ---- records that raise an alert at once ----
// A 110 群体性事件 raises a `major` alert by itself (config/rules.yaml police-mass-incident). The
// alert's title is `群体性事件：<the record's title>`, and the title is the summary's first sentence
// (up to 40 characters), so the summary starts with the record's own id: the `alert:new` names
// the record it came from. The rest is a calm, non-acute story on a plain road (no landmark, no
// estate, no sensitive or acute word), so each record starts an event of its own and raises its
// own alert, never an update of another one.
const ALERT_ROADS = [
  ['市北区', '登州路'],
  ['市北区', '辽宁路'],
  ['市北区', '延吉路'],
  ['市南区', '中山路'],
  ['市南区', '闽江路'],
  ['崂山区', '海尔路'],
  ['李沧区', '京口路'],
  ['李沧区', '书院路'],
  ['黄岛区', '长江中路'],
  ['城阳区', '正阳路'],
  ['即墨区', '鹤山路'],
];
const ALERT_REASONS = ['车位分配', '物业费调整', '电梯维修费用分摊', '供暖费退还', '房屋交付延期', '学区划分'];

/** A 110 群体性事件 record whose alert title carries its id (`JJ-<sendMs>-<tag>-<n>`). */
export function massIncident(sendMs, tag, n) {
  const id = `JJ-${sendMs}-${tag}-${n}`;
  const [district, road] = ALERT_ROADS[n % ALERT_ROADS.length];
  return {
    caseNo: id,
    reportedAt: beijingIso(sendMs - 60_000),
    alarmType: '群体性事件',
    summary: `警情${id}：报警人称有数十名业主因${ALERT_REASONS[n % ALERT_REASONS.length]}问题在${road}${1 + (n % 997)}号门前情绪激动，请求民警到场处置。`,
    address: `青岛市${district}${road}${1 + (n % 997)}号`,
    district,
    level: 2,
  };
}

const CASE_ID = /JJ-(\d+)-([A-Za-z0-9]+)-(\d+)/;
/** The record id an alert's title or summary names, or null. */
export function caseIdIn(text) {
  const m = CASE_ID.exec(String(text));
  return m ? { id: m[0], sendMs: Number(m[1]), tag: m[2] } : null;
}
