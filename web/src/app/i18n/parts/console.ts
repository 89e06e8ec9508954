// The console screen's texts, Chinese first; English has the same keys (checked by type and test).
// vue-i18n syntax: avoid bare { } @ $ | in texts.
export const zh = {
  title: '值班台',
  queueTitle: '来件队列',
  alertsTitle: '预警处置',
  filterAll: '全部渠道',
  filterLabel: '渠道筛选',
  newItems: '{count} 条新来件，点击查看',
};

export const en: typeof zh = {
  title: 'Duty console',
  queueTitle: 'Incident queue',
  alertsTitle: 'Alerts',
  filterAll: 'All channels',
  filterLabel: 'Channel',
  newItems: '{count} new incidents, click to show',
};
