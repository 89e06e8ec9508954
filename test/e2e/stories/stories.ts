import { usccCheckChar, type Channel, type IncidentFlag, type Severity } from '@jointduty/shared';

// Multi-channel stories a duty officer knows how to read, written as fixtures: what came in
// (records per channel, minutes after the story starts) and what the officer concludes
// (which records are one event, which are not, the alerts, flags and reasons).
// Every person, phone, merchant and code here is invented.

export interface StoryRecord {
  key: string;
  channel: Channel;
  /** minutes after the story's start */
  at: number;
  /** the record without its id and time (filled in by the runner) */
  record: Record<string, unknown>;
}

export interface Story {
  name: string;
  /** days the story spans (the runner leaves room between stories) */
  days?: number;
  records: StoryRecord[];
  expect: {
    /** each list: these records are one event */
    together?: string[][];
    /** each pair: two different events */
    apart?: Array<[string, string]>;
    /** alerts raised in the story: on the event of `on` */
    alerts?: Array<{ rule: string; severity: Severity; on: string; incidentCount?: number }>;
    /** rules that must raise nothing in this story */
    noAlerts?: string[];
    flags?: Record<string, IncidentFlag[]>;
    noFlags?: Record<string, IncidentFlag[]>;
    /** the reason a record gives for joining its event (substring) */
    reasons?: Record<string, string>;
  };
}

export const uscc = (first17: string): string => first17 + usccCheckChar(first17)!;

const phone = (n: number) => `139${String(60000000 + n).padStart(8, '0')}`;
const consumer = (i: number) => ({ name: `顾客${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`, phone: phone(i + 100) });

const HAIYUN = uscc('91370202MA3C4X5Y6');
const LIMEI_TAIDONG = uscc('91370203MA3D7K8L9');
const LAOCHUANZHANG = uscc('92370202MA3F1G2H3');
const XIJIADE_A = uscc('91370203MA3J4K5L6');
const XIJIADE_B = uscc('91370202MA3M7N8P9');

export const STORIES: Story[] = [
  {
    name: 'food poisoning at one stall, told by 110, two hotline calls, a 12315 complaint and a post',
    records: [
      {
        key: 'alarm',
        channel: '110',
        at: 0,
        record: {
          alarmType: '求助',
          summary: '报警人称在云霄路海韵渔家大排档吃饭后一家三口上吐下泻，怀疑食物中毒，已送医',
          address: '青岛市市南区云霄路18号海韵渔家大排档',
          casualties: 0,
          level: 2,
          callerPhone: phone(1),
        },
      },
      {
        key: 'call1',
        channel: '12345',
        at: 25,
        record: {
          appealType: '投诉',
          content: '昨晚在市南区云霄路海韵渔家大排档吃了海鲜，全家腹泻呕吐，要求查处这家店的食品安全问题。',
          address: '市南区云霄路18号',
          citizen: { name: '刘女士', phone: phone(2) },
        },
      },
      {
        key: 'call2',
        channel: '12345',
        at: 40,
        record: {
          appealType: '投诉',
          content: '我们单位六个人中午在海韵渔家大排档聚餐，下午都肚子疼拉肚子，有两个人在医院输液。',
          citizen: { name: '马先生', phone: phone(3) },
        },
      },
      {
        key: 'complaint',
        channel: '12315',
        at: 55,
        record: {
          kind: '投诉',
          content: '在该店食用海鲜后出现食物中毒症状，就医花费800元，要求商家赔偿医药费。',
          merchant: { name: '海韵渔家大排档', uscc: HAIYUN, address: '青岛市市南区云霄路18号' },
          industry: '餐饮服务',
          amount: 800,
          consumer: { name: '王先生', phone: phone(4) },
        },
      },
      {
        key: 'post',
        channel: 'sentiment',
        at: 70,
        record: {
          platform: 'weibo',
          text: '青岛云霄路一家大排档吃完全家中毒，上吐下泻一晚上，旁边桌的人也送医院了，太可怕了[泪]',
          author: { name: '岛城吃货小蓝鲸', followers: 3200 },
          metrics: { reposts: 40, comments: 60, likes: 120 },
          location: '山东青岛',
        },
      },
    ],
    expect: {
      together: [['alarm', 'call1', 'call2', 'complaint', 'post']],
      alerts: [{ rule: 'mass-casualty', severity: 'major', on: 'alarm', incidentCount: 5 }],
      reasons: { call1: 'same merchant 海韵渔家大排档', complaint: 'same merchant', post: 'same place 云霄路 + text similarity' },
    },
  },
  {
    name: 'a prepaid-card gym that vanished: six people, one merchant, within hours',
    records: [0, 1, 2, 3, 4, 5].map((i) => ({
      key: `c${i}`,
      channel: '12315' as const,
      at: i * 35,
      record: {
        kind: '投诉',
        content: [
          '办了年卡才两个月健身房就关门了，老板联系不上，要求退还剩余费用。',
          '私教课还剩二十节，门店突然闭店跑路，电话打不通。',
          '刚充值3000元会员卡，第二天店就人去楼空了。',
          '健身房关门跑路，年卡退费无门。',
          '门口贴了停业通知，预付的私教课费用怎么办？',
          '老板卷款跑路，我们几十个会员的卡都废了。',
        ][i],
        merchant: { name: '力美健身(台东店)', ...(i % 3 === 2 ? {} : { uscc: LIMEI_TAIDONG }), address: '青岛市市北区台东三路66号' },
        industry: '预付卡消费',
        amount: 1800 + i * 300,
        consumer: consumer(i),
      },
    })),
    expect: {
      together: [['c0', 'c1', 'c2', 'c3', 'c4', 'c5']],
      alerts: [{ rule: 'group-complaint', severity: 'urgent', on: 'c0', incidentCount: 6 }],
      reasons: { c1: 'same merchant', c2: 'same merchant 力美健身(台东店)' },
    },
  },
  {
    name: 'a professional claimant with eleven punitive claims is flagged, not a group complaint',
    records: [
      ...Array.from({ length: 11 }, (_, i) => ({
        key: `p${i}`,
        channel: '12315' as const,
        at: i * 40,
        record: {
          kind: i % 2 ? '举报' : '投诉',
          content: `购买的商品标签不符合国家标准，属于欺诈，要求按照食品安全法假一赔十，支付价款十倍赔偿。`,
          merchant: {
            name: `${['鑫源', '万家福', '利群', '家和', '佳佳乐', '福满多'][i % 6]}超市(${['登州路', '辽宁路', '延吉路', '敦化路', '南京路', '合肥路'][i % 6]}店)`,
          },
          industry: '家电百货',
          amount: 39 + i,
          consumer: { name: '赵某某', phone: phone(50) },
        },
      })),
      // four genuine complaints against one of those shops: five complainants with the claimant, four without
      ...[0, 1, 2, 3].map((i) => ({
        key: `g${i}`,
        channel: '12315' as const,
        at: 60 + i * 30,
        record: {
          kind: '投诉',
          content: '在该超市买的牛奶过期了，要求退货。',
          merchant: { name: '鑫源超市(登州路店)' },
          industry: '家电百货',
          consumer: consumer(20 + i),
        },
      })),
    ],
    expect: {
      flags: { p0: ['professional-claimant'], p10: ['professional-claimant'] },
      noFlags: { g0: ['professional-claimant'] },
      together: [['p0', 'g0', 'g3']],
      noAlerts: ['group-complaint'],
    },
  },
  {
    name: 'a viral overcharging post, then complaints about the same restaurant',
    records: [
      {
        key: 'post',
        channel: 'sentiment',
        at: 0,
        record: {
          platform: 'weibo',
          text: '青岛老船长海鲜酒家宰客！一盘大虾结账要了1800元，点菜时说38一份，结账变成按只算，太黑了，大家避雷！！',
          author: { name: '旅行的阿飞', followers: 52000 },
          metrics: { reposts: 1500, comments: 320, likes: 8000 },
          topics: ['青岛旅游'],
        },
      },
      {
        key: 'c1',
        channel: '12315',
        at: 50,
        record: {
          kind: '投诉',
          content: '在老船长海鲜酒家就餐，大虾未明码标价，结账时按只收费，价格严重虚高。',
          merchant: { name: '老船长海鲜酒家', uscc: LAOCHUANZHANG, address: '青岛市市南区中山路88号' },
          industry: '餐饮服务',
          amount: 1800,
          consumer: consumer(40),
        },
      },
      {
        key: 'c2',
        channel: '12345',
        at: 80,
        record: {
          appealType: '投诉',
          content: '市南区中山路老船长海鲜酒家天价大虾，要求物价部门查处。',
          citizen: { name: '李先生', phone: phone(41) },
        },
      },
    ],
    expect: {
      together: [['post', 'c1', 'c2']],
      alerts: [{ rule: 'viral-post', severity: 'urgent', on: 'post' }],
      reasons: { c1: 'same merchant 老船长海鲜酒家' },
    },
  },
  {
    name: 'a post read by a hundred thousand is major',
    records: [
      {
        key: 'post',
        channel: 'sentiment',
        at: 0,
        record: {
          platform: 'weibo',
          text: '曝光！青岛某景区旁黑心导游强制购物，不买就辱骂游客，老人被气哭，太恶劣了！',
          author: { name: '半岛消费观察', followers: 1200000, verified: true },
          metrics: { reposts: 86000, comments: 24000, likes: 150000 },
        },
      },
    ],
    expect: { alerts: [{ rule: 'viral-post', severity: 'major', on: 'post' }] },
  },
  {
    name: 'same street, different shops: two complaints the same evening stay apart',
    records: [
      {
        key: 'a',
        channel: '12315',
        at: 0,
        record: {
          kind: '投诉',
          content: '在这家烧烤店吃的羊肉串不新鲜，吃完肚子不舒服。',
          merchant: { name: '老张烧烤(云霄路店)', address: '市南区云霄路20号' },
          industry: '餐饮服务',
          consumer: consumer(60),
        },
      },
      {
        key: 'b',
        channel: '12315',
        at: 30,
        record: {
          kind: '投诉',
          content: '烧烤店羊肉串不新鲜，价格还贵，要求退款。',
          merchant: { name: '炭火人家烧烤', address: '市南区云霄路35号' },
          industry: '餐饮服务',
          consumer: consumer(61),
        },
      },
    ],
    expect: { apart: [['a', 'b']], noAlerts: ['group-complaint', 'mass-casualty'] },
  },
  {
    name: 'same shop, different week: two complaints eight days apart are two events',
    days: 10,
    records: [
      {
        key: 'first',
        channel: '12345',
        at: 0,
        record: {
          appealType: '投诉',
          content: '琴岛渔港酒家油烟直排，熏得楼上没法开窗。',
          address: '市北区辽宁路100号',
          citizen: { name: '孙女士', phone: phone(70) },
        },
      },
      {
        key: 'later',
        channel: '12345',
        at: 8 * 24 * 60,
        record: {
          appealType: '投诉',
          content: '琴岛渔港酒家门口占道摆桌，晚上吵到十二点。',
          address: '市北区辽宁路100号',
          citizen: { name: '周先生', phone: phone(71) },
        },
      },
    ],
    expect: { apart: [['first', 'later']] },
  },
  {
    name: 'two branches of one chain are two merchants; so are two registrations of one name',
    records: [
      {
        key: 'taidong',
        channel: '12315',
        at: 0,
        record: {
          kind: '投诉',
          content: '水饺里吃出头发，店员态度恶劣。',
          merchant: { name: '喜家德水饺(台东店)', uscc: XIJIADE_A },
          industry: '餐饮服务',
          consumer: consumer(80),
        },
      },
      {
        key: 'hongkong',
        channel: '12315',
        at: 20,
        record: {
          kind: '投诉',
          content: '水饺里有异物，店员态度很差。',
          merchant: { name: '喜家德水饺(香港中路店)', uscc: XIJIADE_B },
          industry: '餐饮服务',
          consumer: consumer(81),
        },
      },
      {
        key: 'sameNameOtherCode',
        channel: '12315',
        at: 40,
        record: {
          kind: '投诉',
          content: '水饺不新鲜。',
          merchant: { name: '喜家德水饺(台东店)', uscc: XIJIADE_B },
          industry: '餐饮服务',
          consumer: consumer(82),
        },
      },
      {
        key: 'sameCode',
        channel: '12315',
        at: 60,
        record: {
          kind: '投诉',
          content: '外卖水饺少送了一份。',
          merchant: { name: '喜家德水饺(台东店)', uscc: XIJIADE_A },
          industry: '餐饮服务',
          consumer: consumer(83),
        },
      },
    ],
    expect: {
      apart: [
        ['taidong', 'hongkong'],
        ['taidong', 'sameNameOtherCode'],
      ],
      together: [['taidong', 'sameCode']],
      reasons: { sameCode: 'USCC' },
    },
  },
  {
    name: 'a praise call about a place that has a bad post is not joined to it',
    records: [
      {
        key: 'post',
        channel: 'sentiment',
        at: 0,
        record: {
          platform: 'douyin',
          text: '栈桥今天人挤人，卖烤鱿鱼的一串要40，坑人，再也不来了',
          author: { name: '海边打工人', followers: 800 },
          metrics: { reposts: 12, comments: 30 },
        },
      },
      {
        key: 'praise',
        channel: '12345',
        at: 30,
        record: {
          appealType: '表扬',
          content: '表扬栈桥景区的志愿者和民警，帮我找回了丢失的钱包，服务非常好，特此感谢！',
          address: '市南区太平路栈桥',
          citizen: { name: '陈女士', phone: phone(90) },
        },
      },
    ],
    expect: { apart: [['post', 'praise']], noAlerts: ['viral-post', 'mass-casualty', 'repeat-complaint'] },
  },
  {
    name: 'a fire on a pedestrian street reported by 110, the hotline and a post',
    records: [
      {
        key: 'alarm',
        channel: '110',
        at: 0,
        record: { alarmType: '火灾', summary: '台东步行街一家服装店起火，有浓烟，店内人员已疏散', address: '市北区台东步行街', level: 1 },
      },
      {
        key: 'call',
        channel: '12345',
        at: 8,
        record: {
          appealType: '求助',
          content: '台东步行街有商铺着火了，冒了好多烟，消防车进不来，路边车太多。',
          citizen: { name: '韩先生', phone: phone(95) },
        },
      },
      {
        key: 'post',
        channel: 'sentiment',
        at: 15,
        record: {
          platform: 'weibo',
          text: '台东步行街着火了！浓烟滚滚，好多人围观，希望没人受伤',
          author: { name: '琴岛拾光', followers: 2100 },
          metrics: { reposts: 88, comments: 140 },
        },
      },
    ],
    expect: {
      together: [['alarm', 'call', 'post']],
      alerts: [{ rule: 'mass-casualty', severity: 'major', on: 'alarm', incidentCount: 3 }],
      reasons: { call: 'same place 台东步行街 + text similarity', post: 'same place 台东步行街' },
    },
  },
  {
    name: 'same landmark, different stories in one hour: a lost child and a price complaint',
    records: [
      {
        key: 'lost',
        channel: '110',
        at: 0,
        record: { alarmType: '求助', summary: '报警人称在栈桥附近孩子走失，男孩6岁，穿红色上衣', address: '市南区太平路栈桥' },
      },
      {
        key: 'price',
        channel: '12345',
        at: 20,
        record: {
          appealType: '投诉',
          content: '栈桥附近小摊卖的烤鱿鱼不明码标价，一串收40元，乱收费。',
          citizen: { name: '杨先生', phone: phone(96) },
        },
      },
    ],
    expect: { apart: [['lost', 'price']] },
  },
  {
    name: 'a 110 group incident is major at once',
    records: [
      {
        key: 'mass',
        channel: '110',
        at: 0,
        record: {
          alarmType: '群体性事件',
          summary: '约五十名业主在售楼处门口聚集拉横幅讨要说法，情绪激动',
          address: '青岛市城阳区春阳路售楼处',
          level: 1,
        },
      },
    ],
    expect: { alerts: [{ rule: 'police-mass-incident', severity: 'major', on: 'mass' }], flags: { mass: ['sensitive'] } },
  },
  {
    name: 'a sensitive topic: illegal fundraising reported on the hotline',
    records: [
      {
        key: 'call',
        channel: '12345',
        at: 0,
        record: {
          appealType: '举报',
          content: '小区里有个投资公司天天给老人发鸡蛋，宣传高息理财，年化百分之二十，怀疑是非法集资，好多老人把养老钱都投进去了。',
          address: '李沧区书院路',
          citizen: { name: '吴女士', phone: phone(97) },
        },
      },
    ],
    expect: { flags: { call: ['sensitive'] }, alerts: [{ rule: 'sensitive-topic', severity: 'urgent', on: 'call' }] },
  },
  {
    name: 'the same person about the same bar three times in two weeks is a repeat complaint',
    days: 15,
    records: [0, 6, 13].map((day, i) => ({
      key: `r${i}`,
      channel: '12345' as const,
      at: day * 24 * 60,
      record: {
        appealType: '投诉',
        content: [
          '闽江路夜色酒吧每天凌晨还在放音乐，噪音扰民严重。',
          '又来反映闽江路夜色酒吧噪音问题，上次反映后没有任何改善。',
          '第三次反映闽江路夜色酒吧噪音扰民，晚上根本睡不着。',
        ][i],
        address: '市南区闽江路22号',
        citizen: { name: '郑先生', phone: phone(98) },
      },
    })),
    expect: {
      flags: { r2: ['repeat'] },
      noFlags: { r0: ['repeat'], r1: ['repeat'] },
      alerts: [{ rule: 'repeat-complaint', severity: 'general', on: 'r2' }],
    },
  },
  {
    name: 'two fights in two districts in the same hour are two events',
    records: [
      {
        key: 'a',
        channel: '110',
        at: 0,
        record: { alarmType: '治安', summary: '两伙人在烧烤摊打架，有人受轻伤', address: '市南区闽江路', level: 2 },
      },
      {
        key: 'b',
        channel: '110',
        at: 10,
        record: { alarmType: '治安', summary: '两伙人在烧烤摊打架，有人受轻伤', address: '黄岛区长江中路', level: 2 },
      },
    ],
    expect: { apart: [['a', 'b']] },
  },
  {
    name: 'a work order past its due time and not resolved',
    records: [
      {
        key: 'order',
        channel: '12345',
        at: 0,
        record: {
          appealType: '求助',
          content: '小区门口井盖丢失，晚上很危险，请尽快处理。',
          address: '崂山区秦岭路8号',
          dueAt: 'DUE_IN_PAST',
          citizen: { name: '黄先生', phone: phone(99) },
        },
      },
    ],
    expect: { alerts: [{ rule: 'overdue-order', severity: 'general', on: 'order' }] },
  },
];
