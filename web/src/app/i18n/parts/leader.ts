// The leader screen's texts, Chinese first; English has the same keys (checked by type and test).
// vue-i18n syntax: avoid bare { } @ $ | in texts.
export const zh = {
  title: '紧急与重大预警',
  empty: '暂无紧急或重大预警',
};

export const en: typeof zh = {
  title: 'Urgent and major alerts',
  empty: 'No urgent or major alerts',
};
