// Phrases for the simulator's episodes: stories told by several channels at once (a food
// poisoning, a gym that vanished, a viral post, a professional claimant's day) and the look-alikes
// that must stay apart. Written for this project; every person, merchant and post is invented.
// Templates use the devices of phrases.ts: {slot} and [a|b|c].
import type { AlarmType, AppealType, MerchantKind } from './phrases';

export type EpisodeKind = 'poisoning' | 'vanishedGym' | 'viralPost' | 'claimant' | 'lookalike';
export const EPISODE_KINDS: readonly EpisodeKind[] = ['poisoning', 'vanishedGym', 'viralPost', 'claimant', 'lookalike'];

// ---- names a reader can pick out of a sentence -----------------------------------------------

// Episode merchants get a name that ends the way business names do (…大排档, …烧烤, …健身), so
// that the name written in a complaint's text is the name in the 12315 `merchant` field.
// prettier-ignore
export const EPISODE_TAILS: Partial<Record<MerchantKind, string[]>> = {
  seafood: ['渔家大排档', '海鲜大排档', '海鲜酒家', '渔家宴', '海鲜馆'],
  bbq: ['烧烤', '烤肉', '烧烤店', '烧烤大排档'],
  gym: ['健身', '健身会所', '瑜伽馆', '健身中心', '体能训练馆'],
  beauty: ['美容会所', '美容养生馆'],
  supermarket: ['超市', '便利店', '生活超市', '食品店'],
  teashop: ['茶叶店', '特产店', '土特产超市'],
  beer: ['扎啤屋', '啤酒屋', '精酿酒馆'],
  appliance: ['电器', '电器商行', '家电专营店'],
};

/** Characters that end a name when a reader cuts one out of text (在 的 路 号 …): not in episode names. */
export const NAME_BREAKERS = /[在去到从于跟和与及对向给被把让叫的了着过是有为由吃喝买卖办住订点逛玩找进出来说称号路街道巷区市县镇村]/;

// ---- food poisoning -------------------------------------------------------------------------

export const POISON_DISHES: Partial<Record<MerchantKind, string[]>> = {
  seafood: ['辣炒蛤蜊', '海蛎子', '生蚝', '海胆', '皮皮虾', '扇贝', '海肠', '凉拌海蜇', '毛蚶'],
  bbq: ['烤生蚝', '烤扇贝', '羊肉串', '烤鱿鱼', '烤蛤蜊', '凉拌海蜇', '烤鸡翅'],
};
export const HOSPITALS = ['医院急诊', '青大附院', '市立医院', '区人民医院', '附近医院', '社区医院'];

export const POISON_POLICE_OPENERS = [
  '报警人称，',
  '{hm}许，报警人称，',
  '报警人{surname}女士称，',
  '报警人{surname}先生称，',
  '群众报警：',
];

export const POISON_POLICE: Array<{ alarmType: AlarmType; text: string }> = [
  { alarmType: '求助', text: '在{street}{num}号的{merchant}就餐后，同桌{n}人陆续出现呕吐、腹泻、腹痛等症状，怀疑食物中毒' },
  { alarmType: '求助', text: '{street}{merchant}多名食客用餐后出现上吐下泻、头晕等疑似食物中毒症状' },
  { alarmType: '求助', text: '家人在{street}的{merchant}吃了{dish}后腹痛、呕吐不止，同去的{n}人都有症状，怀疑食物中毒' },
  { alarmType: '其他', text: '在{street}的{merchant}吃完饭后全家腹痛呕吐，怀疑食物中毒，与店家交涉时发生争执' },
  {
    alarmType: '治安',
    text: '在{street}{merchant}吃饭后{n}人上吐下泻，怀疑食物中毒，店家[拒不承认|关门不让进|不让拍照取证]，双方发生争执',
  },
];

export const POISON_HOTLINE: Array<{ appealType: AppealType; title: string; text: string }> = [
  {
    appealType: '投诉',
    title: '反映{merchant}疑似食物中毒',
    text: '{meal}在{street}{num}号的{merchant}吃了{dish}等，[一家{n}口|同行{n}人]回来后[陆续上吐下泻|先后出现腹痛、腹泻、呕吐]，已到{hospital}就诊，医生说是[食物中毒|急性肠胃炎，疑似食物中毒]，要求市场监管部门[对该店进行检查|查封后厨]并赔偿医疗费用。',
  },
  {
    appealType: '投诉',
    title: '{merchant}就餐后多人腹痛腹泻',
    text: '反映{street}的{merchant}疑似食物中毒：{meal}和朋友在该店聚餐，点了{dish}，饭后{n}个人都[腹痛腹泻|上吐下泻]，听说同一时间还有别的桌也出现了症状，请尽快核实。',
  },
  {
    appealType: '求助',
    title: '{merchant}就餐后食物中毒求助',
    text: '{meal}在{street}的{merchant}吃饭后，[孩子|老人|爱人|同事]上吐下泻、肚子疼得厉害，怀疑食物中毒，[现在在{hospital}输液|正往{hospital}去]，店家电话[不接|关机]，',
  },
  {
    appealType: '求助',
    title: '疑似食物中毒求助',
    text: '在{street}{num}号{merchant}吃的{dish}，现在一家{n}口都在呕吐腹泻，怀疑食物中毒，想知道[该去哪个医院|怎么保留证据]，',
  },
];

export const POISON_CONSUMER = [
  '{meal}在{merchant}（{street}{num}号）就餐，消费{amount}元，食用{dish}后[同桌{n}人|全家{n}口]出现[呕吐、腹泻|上吐下泻、发烧]等食物中毒症状，已就医，要求商家退还餐费并赔偿医疗费用，请市场监管部门查处。',
  '{meal}在{street}的{merchant}吃饭，{n}人食物中毒送医，商家[拒绝承担责任|只同意退一半餐费]，要求依法处理，餐费{amount}元。',
];

export const POISON_POSTS_NAMED = [
  '[救命|避雷|大家千万别去]！{meal}在{spot}的{merchant}吃[海鲜|烧烤]，我们一桌{n}个人[全都上吐下泻|回来就腹痛拉肚子]，医生说是食物中毒，现在还在医院挂水，店家电话一直不接 #青岛避雷#',
  '{merchant}吃出食物中毒了！{meal}在{spot}吃的{dish}，同桌{n}个人先后[上吐下泻|发烧腹泻]，[孩子还在输液|已经打了12345]，#青岛避雷# #食品安全#',
];
export const POISON_POSTS_UNNAMED = [
  '{meal}在{street}[附近|边上]一家[海鲜大排档|烧烤店|小饭店]吃完，一桌{n}个人[都中招了|全部上吐下泻]，疑似食物中毒，[孩子还在输液|已经在医院了]，[店名先不说了|等处理结果再说]，大家在{street}吃饭注意点',
  '{street}[附近|这边]一家[大排档|饭店]，吃完{n}个人上吐下泻进了医院，急诊说是食物中毒，太吓人了 #青岛避雷#',
];

// ---- a prepaid-card business that vanished (跑路) ---------------------------------------------

export const GYM_CONSUMER = [
  '在{merchant}办理{cardType}，花费{amount}元，今天去锻炼发现门店[突然关门|大门紧锁|人去楼空]，门上贴着“[内部装修暂停营业|设备检修暂停营业]”，[老板电话打不通|店长微信已把会员拉黑]，要求退还剩余费用。',
  '{monthsAgo}个月前在{merchant}（{street}{num}号）购买了{cardType}，共{amount}元，{remain}，现在门店[关门停业|人去楼空]，经营者[跑路|失联]，会员群里{members}多人都找不到人，要求依法处理、退还费用。',
  '上周{merchant}还在推销[续卡优惠|私教课]，我刚续费{amount}元（{cardType}），今天门店就关门了，怀疑是恶意圈钱后跑路，请求立案调查。',
  '{merchant}突然停业，本人是该店会员，办理{cardType}花了{amount}元，{remain}，现在联系不上经营者，要求协调退款。',
  '{merchant}跑路了，{cardType}{amount}元打了水漂，{remain}，要求退款。',
];
export const GYM_HOTLINE = {
  title: '{merchant}关门跑路，会员预付卡无法退费',
  text: '{street}{num}号的{merchant}[突然关门|人去楼空]，来电人此前办理了{cardType}，花费{amount}元，[门上贴着“内部装修暂停营业”|店长和教练都联系不上|会员群被解散了]，会员群里已有{members}多人在找经营者，要求相关部门尽快介入、协调退费。',
};
export const GYM_POSTS = [
  '{merchant}跑路了！[上周还在推销年卡|前天还在群里发续卡优惠]，今天门一锁[老板就联系不上|店长把群解散了]，我们群里{members}个人的钱怎么办？[准备一起去维权了|已经打了12315] #消费维权#',
  '在{street}的{merchant}办的{cardType}，{amount}块说没就没了，[门店已经人去楼空|门口贴了个告示就关了]，有同样遭遇的[评论区集合|私信我一起维权]',
];
export const GYM_POLICE =
  '{n}名会员在{street}{num}号{merchant}门口[聚集|等候]讨要说法，要求退还会员费，[情绪比较激动|与物业人员发生争执]，请求出警。';

// ---- a viral post about overcharging (天价海鲜, 宰客) -------------------------------------------

export const VIRAL_POSTS_NAMED = [
  '天价海鲜！在{place}附近的{merchant}吃饭，{seafood}菜单上写{price}元，结账时说是按[只|两]算，{n}个菜收了{amount}元！问老板就说“时价”，这不是宰客是什么？#青岛避雷# #天价海鲜#',
  '避雷{merchant}！{place}边上，进门前说好的价格，结账变成{amount}，{seafood}按只算、加工费另收，[报警了也只是调解|老板还威胁不给钱不让走]，好客山东就这？#青岛避雷#',
];
export const VIRAL_POSTS_UNNAMED = [
  '在{place}[夜市|附近]一家海鲜店被宰了，{seafood}说是{price}一斤，结账按只算，{n}个菜{amount}元！拉客的把我们带过去的，[大家千万别上当|已经打了12315] #青岛避雷# #天价海鲜#',
  '{place}的海鲜店宰客太狠了，[{n}个人吃了{amount}块|一盘{seafood}收了{amount}]，问就是“时价”，吃完饭心情全没了 #旅游避坑#',
];
export const VIRAL_MEDIA_POSTS = [
  '【曝光】网友反映在{place}附近的{merchant}就餐遭遇“天价海鲜”，{n}道菜结账{amount}元，{seafood}按只计价。记者致电该店，店家称“[价格是顾客自己确认的|一直明码标价]”。目前{district}市场监管部门已关注此事。#天价海鲜#',
  '【关注】“{seafood}按只算、{n}个菜{amount}元”，游客在{place}{merchant}就餐被宰客一事引发热议，{district}市场监管局表示已介入调查。#天价海鲜# #青岛#',
];
export const VIRAL_CONSUMER = [
  '看到网上曝光{merchant}天价海鲜，本人{time}在该店也遭遇同样情况，{seafood}按只计价，共收取{amount}元，要求退还多收费用并查处。',
  '{time}在{place}附近的{merchant}就餐，被拉客人员带去，{seafood}标价{price}元/斤，结账按只计算，共{amount}元，属于价格欺诈，要求退款。',
];
export const VIRAL_HOTLINE = {
  title: '反映{merchant}天价海鲜宰客',
  text: '{time}在{place}附近的{merchant}就餐，{seafood}[按只收费|按两报价按斤结账]，{n}个菜收了{amount}元，[网上已经有人曝光这家店|和网上说的一模一样]，要求市场监管部门查处并退还多收的费用。',
};

// ---- a professional claimant's day (职业索赔人) --------------------------------------------

export const CLAIMANT_KINDS: Array<{ kind: MerchantKind; weight: number; industry: string; texts: string[] }> = [
  {
    kind: 'supermarket',
    weight: 5,
    industry: '食品销售',
    texts: [
      '在{merchant}购买{goods}{n}件，共{price}元，经查[已超过保质期|标签未标注生产许可证编号|配料表与营养成分表不符|进口食品没有中文标签]，不符合食品安全标准，依据《食品安全法》第一百四十八条要求[退一赔十|十倍赔偿|假一赔十]。',
      '在{merchant}买的{goods}{n}件（{price}元）标签[生产日期模糊|执行标准已废止]，属于不合格食品，要求商家支付价款十倍赔偿，不足一千元按一千元赔偿。',
    ],
  },
  {
    kind: 'teashop',
    weight: 1,
    industry: '食品销售',
    texts: [
      '在{merchant}购买标称“崂山绿茶”的茶叶{n}盒，共{price}元，[包装未标注产地|没有生产日期|标注的执行标准已废止]，属于欺诈，依据《消费者权益保护法》第五十五条要求退一赔三。',
    ],
  },
  {
    kind: 'beer',
    weight: 1,
    industry: '食品销售',
    texts: [
      '在{merchant}购买“原浆啤酒”{n}桶，共{price}元，标签[未标注生产日期|未标注生产许可证编号]，属于不符合食品安全标准的食品，要求假一赔十。',
    ],
  },
  {
    kind: 'appliance',
    weight: 1,
    industry: '家电百货',
    texts: ['在{merchant}购买{appliance}，价格{price}元，宣传“一级能效”实际[为三级能效|能效标识与备案不符]，构成欺诈，要求退一赔三。'],
  },
];

// ---- look-alikes that must stay apart --------------------------------------------------------

export const LOOKALIKE_NOISE = {
  title: '反映{merchant}夜间噪音扰民',
  text: '{street}{num}号楼下的{merchant}每晚营业到凌晨，[食客划拳喧哗|音响开得很大]，严重影响居民休息，',
};
export const LOOKALIKE_SHOP =
  '在{merchant}（{street}{num}号）购买的{goods}回家发现[已过保质期|包装破损漏气]，要求退货被拒，涉及金额{amount}元。';
export const LOOKALIKE_BRANCH_CONSUMER =
  '在{merchant}办的{cardType}，[淋浴间一直没有热水|器械坏了很久没人修|空调不制冷]，向前台反映多次未解决，要求延长会员期被拒。';
export const LOOKALIKE_BRANCH_HOTLINE =
  '在{merchant}上私教课，教练[频繁更换|经常迟到]，要求退还剩余{left}节私教课费用，门店称只能转让不能退，';
export const LOOKALIKE_BAD_POSTS = [
  '{place}[人也太多了，排队半小时才上厕所|沙滩上垃圾有点多|停车场堵了一个小时]，体验感一般 #青岛旅游#',
  '今天去{place}，[人挤人根本拍不了照|卖水的比外面贵一倍|到处是烧烤签子]，有点失望',
];
export const LOOKALIKE_PRAISE =
  '表扬在{place}[执勤的民警|值守的环卫工人|服务的志愿者]，[帮助走失的老人找到了家人|及时清理了沙滩上的垃圾|耐心给游客指路]，[服务很周到|辛苦了]。';
