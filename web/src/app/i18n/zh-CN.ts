// Simplified Chinese, the default. Keys are shared with en.ts (same shape, checked by type and test).
// vue-i18n syntax: avoid bare { } @ $ | in texts.
import * as wallPart from './parts/wall';
import * as leaderPart from './parts/leader';
import * as consolePart from './parts/console';
import * as fieldPart from './parts/field';
import * as errorsPart from './parts/errors';
import * as ordersPart from './parts/orders';
import * as reportsPart from './parts/reports';
import * as dutyPart from './parts/duty';

export const zhCN = {
  app: {
    title: '联席值守指挥平台',
    city: '青岛市',
    office: '联席值守',
    loading: '加载中…',
    retry: '重试',
    empty: '暂无数据',
    error: '加载失败：{message}',
  },
  nav: {
    wall: '大屏',
    console: '值班台',
    leader: '领导视图',
    field: '现场处置',
    orders: '工单办理',
    signOut: '退出登录',
    user: '{username}（{role}）',
  },
  role: {
    admin: '管理员',
    duty: '值班员',
    leader: '领导',
    field: '现场队伍',
    department: '承办单位',
  },
  locale: {
    label: '语言',
    'zh-CN': '中文',
    en: 'English',
  },
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '登录中…',
    invalid: '用户名或密码错误',
    failed: '登录失败，请稍后重试',
    expired: '登录已失效，请重新登录',
    demoTitle: '演示环境',
    demoAccounts: '演示账号：admin、duty、leader、field-shinan、field-huangdao、dept-market、dept-city',
    demoPassword: '密码均为：jointduty',
  },
  connection: {
    connecting: '连接中',
    connected: '已连接',
    reconnecting: '重连中',
    offline: '离线',
    reconnectingBanner: '实时连接中断，正在重连…',
    offlineBanner: '离线：实时数据已中断，画面内容可能不是最新',
  },
  channel: {
    '12345': '12345 热线',
    '12315': '12315 消费投诉',
    '110': '110 警情',
    sentiment: '舆情',
  },
  channelShort: {
    '12345': '12345',
    '12315': '12315',
    '110': '110',
    sentiment: '舆情',
  },
  /** a post's platform, shown as its kind */
  platform: {
    weibo: '微博',
    douyin: '抖音',
    wechat: '微信',
    xiaohongshu: '小红书',
    news: '新闻网站',
    forum: '论坛',
    other: '其他平台',
  },
  severity: {
    general: '一般',
    urgent: '紧急',
    major: '重大',
  },
  alertStatus: {
    open: '待处置',
    acknowledged: '已签收',
    dispatched: '已派单',
    resolved: '已办结',
  },
  // the alert rules (config/rules.yaml ids), as the console's silences and the leader's alert history name them
  rule: {
    'police-mass-incident': '110 群体性事件或多人伤亡',
    'mass-casualty': '多人伤害事件',
    'group-complaint': '群体性投诉',
    'sensitive-topic': '敏感话题',
    'viral-post': '负面舆情扩散',
    'repeat-complaint': '反复投诉',
    'overdue-order': '工单超期未办结',
    escalation: '超时升级',
  },
  flag: {
    simulated: '模拟',
    sensitive: '敏感',
    repeat: '重复',
    'professional-claimant': '职业索赔',
  },
  alert: {
    ack: '签收',
    acking: '签收中…',
    resolve: '办结',
    resolveNote: '办结说明',
    resolveNotePlaceholder: '填写处置结果',
    confirmResolve: '确认办结',
    cancel: '取消',
    escalated: '超时未签收',
    unknownDistrict: '未知区域',
    actionFailed: '操作失败：{message}',
  },
  wall: wallPart.zh,
  leader: leaderPart.zh,
  console: consolePart.zh,
  field: fieldPart.zh,
  errors: errorsPart.zh,
  orders: ordersPart.zh,
  reports: reportsPart.zh,
  duty: dutyPart.zh,
};
