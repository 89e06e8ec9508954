// Valid native records of each channel, for journeys. Each call gives a fresh id.
let n = 0;
const uid = (p: string) => `${p}-${process.pid}-${Date.now().toString(36)}-${++n}`;
const now = () => new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00');

export function hotline(over: Record<string, unknown> = {}) {
  return {
    orderNo: uid('GD'),
    acceptedAt: now(),
    appealType: '投诉',
    content: '登州路啤酒街一家大排档海鲜按斤称重缺斤短两，老板态度恶劣，要求市场监管部门处理。',
    address: '青岛市市北区登州路56号',
    citizen: { name: '张伟', phone: '13812345678' },
    ...over,
  };
}

export function consumer(over: Record<string, unknown> = {}) {
  return {
    regNo: uid('DJ'),
    kind: '投诉',
    receivedAt: now(),
    content: '在该健身房办理预付卡3000元，门店突然关门，无法退款。',
    merchant: { name: '力美健身(台东店)', address: '市北区台东三路88号' },
    consumer: { name: '李娜', phone: '13987654321' },
    industry: '预付卡消费',
    amount: 3000,
    ...over,
  };
}

export function police(over: Record<string, unknown> = {}) {
  return {
    caseNo: uid('JJ'),
    reportedAt: now(),
    alarmType: '纠纷',
    summary: '报警人称在栈桥附近与出租车司机发生纠纷，司机拒绝打表。',
    address: '市南区太平路栈桥',
    level: 3,
    callerPhone: '15012345678',
    ...over,
  };
}

export function post(over: Record<string, unknown> = {}) {
  return {
    postId: uid('WB'),
    platform: 'weibo',
    publishedAt: now(),
    text: '#青岛啤酒节# 金沙滩啤酒城人太多了，排队两个小时，现场秩序混乱！',
    author: { name: '青岛小猫', followers: 1200, verified: false },
    url: 'https://weibo.com/123456/abcdef',
    metrics: { reposts: 12, comments: 30, likes: 88 },
    location: '山东青岛',
    topics: ['青岛国际啤酒节'],
    ...over,
  };
}
