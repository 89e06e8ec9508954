import type { MessageSchema } from './index';
import * as wallPart from './parts/wall';
import * as leaderPart from './parts/leader';
import * as consolePart from './parts/console';
import * as fieldPart from './parts/field';
import * as errorsPart from './parts/errors';
import * as ordersPart from './parts/orders';
import * as reportsPart from './parts/reports';
import * as dutyPart from './parts/duty';

// English, the second language. Same keys as zh-CN.ts.
export const en: MessageSchema = {
  app: {
    title: 'Joint Duty Command',
    city: 'Qingdao',
    office: 'Joint Duty',
    loading: 'Loading…',
    retry: 'Retry',
    empty: 'Nothing yet',
    error: 'Could not load: {message}',
  },
  nav: {
    wall: 'Wall',
    console: 'Console',
    leader: 'Leader',
    field: 'Field',
    orders: 'Work orders',
    signOut: 'Sign out',
    user: '{username} ({role})',
  },
  role: {
    admin: 'Administrator',
    duty: 'Duty officer',
    leader: 'Leader',
    field: 'Field team',
    department: 'Department',
  },
  locale: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  login: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalid: 'Wrong username or password',
    failed: 'Sign-in failed, please try again',
    expired: 'Your session has ended, please sign in again',
    demoTitle: 'Demo environment',
    demoAccounts: 'Demo accounts: admin, duty, leader, field-shinan, field-huangdao, dept-market, dept-city',
    demoPassword: 'Password for all: jointduty',
  },
  connection: {
    connecting: 'Connecting',
    connected: 'Connected',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
    reconnectingBanner: 'Live connection lost, reconnecting…',
    offlineBanner: 'Offline: live data stopped, what you see may be out of date',
  },
  channel: {
    '12345': '12345 Hotline',
    '12315': '12315 Consumer',
    '110': '110 Police',
    sentiment: 'Public opinion',
  },
  channelShort: {
    '12345': '12345',
    '12315': '12315',
    '110': '110',
    sentiment: 'Online',
  },
  /** a post's platform, shown as its kind */
  platform: {
    weibo: 'Weibo',
    douyin: 'Douyin',
    wechat: 'WeChat',
    xiaohongshu: 'Xiaohongshu',
    news: 'News site',
    forum: 'Forum',
    other: 'Other',
  },
  severity: {
    general: 'General',
    urgent: 'Urgent',
    major: 'Major',
  },
  alertStatus: {
    open: 'Open',
    acknowledged: 'Acknowledged',
    dispatched: 'Dispatched',
    resolved: 'Resolved',
  },
  rule: {
    'police-mass-incident': '110 group incident or several casualties',
    'mass-casualty': 'People harmed together',
    'group-complaint': 'Group complaint',
    'sensitive-topic': 'Sensitive topic',
    'viral-post': 'Negative post spreading',
    'repeat-complaint': 'Repeat complaint',
    'overdue-order': 'Work order overdue',
    escalation: 'Escalation',
  },
  flag: {
    simulated: 'SIM',
    sensitive: 'Sensitive',
    repeat: 'Repeat',
    'professional-claimant': 'Pro claimant',
  },
  alert: {
    ack: 'Acknowledge',
    acking: 'Acknowledging…',
    resolve: 'Resolve',
    resolveNote: 'Resolution note',
    resolveNotePlaceholder: 'What was done',
    confirmResolve: 'Confirm',
    cancel: 'Cancel',
    escalated: 'Not acknowledged in time',
    unknownDistrict: 'Unknown district',
    actionFailed: 'Action failed: {message}',
  },
  wall: wallPart.en,
  leader: leaderPart.en,
  console: consolePart.en,
  field: fieldPart.en,
  errors: errorsPart.en,
  orders: ordersPart.en,
  reports: reportsPart.en,
  duty: dutyPart.en,
};
