// The wall screen's texts, Chinese first; English has the same keys (checked by type and test).
// vue-i18n syntax: avoid bare { } @ $ | in texts.
export const zh = {
  todayTotal: '今日受理',
  countsTitle: '今日各渠道来件',
  tickerTitle: '实时来件',
  alertsTitle: '预警',
  simulatedBadge: '模拟数据 / SIMULATED DATA',
  staleBanner: '数据停滞：已 {seconds} 秒未收到新来件',
  majorBanner: '重大预警',
  openAlerts: '待处置预警',
  incidentCount: '{count} 件',
  noIncidents: '暂无来件',
  profile: '保障方案',
  profileManual: '（手动启用）',
  noAlerts: '暂无预警',
};

export const en: typeof zh = {
  todayTotal: 'Today',
  countsTitle: 'Today by channel',
  tickerTitle: 'Live incidents',
  alertsTitle: 'Alerts',
  simulatedBadge: 'SIMULATED DATA / 模拟数据',
  staleBanner: 'Data stale: no new incidents for {seconds} s',
  majorBanner: 'Major alert',
  openAlerts: 'Open alerts',
  incidentCount: '{count} incidents',
  noIncidents: 'No incidents yet',
  profile: 'Profile',
  profileManual: '(switched on by hand)',
  noAlerts: 'No alerts',
};
